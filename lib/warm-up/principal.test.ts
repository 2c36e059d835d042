import { afterEach, describe, expect, it } from "vitest";
import { closeWarmUp, isWarmUpRequest, openWarmUp } from "./principal";

describe("the warm-up principal", () => {
  afterEach(() => closeWarmUp());

  it("is nobody's before a warm-up starts, whatever the header says", () => {
    expect(isWarmUpRequest("anything")).toBe(false);
    expect(isWarmUpRequest("")).toBe(false);
    expect(isWarmUpRequest(null)).toBe(false);
  });

  it("recognises only the secret of the warm-up under way", () => {
    const secret = openWarmUp();
    expect(isWarmUpRequest(secret)).toBe(true);
    expect(isWarmUpRequest(`${secret}x`)).toBe(false);
    expect(isWarmUpRequest(secret.slice(0, -1))).toBe(false);
    expect(isWarmUpRequest(openWarmUp())).toBe(true);
    expect(isWarmUpRequest(secret)).toBe(false);
  });

  it("is nobody's again once the warm-up ends, the old secret included", () => {
    const secret = openWarmUp();
    closeWarmUp();
    expect(isWarmUpRequest(secret)).toBe(false);
  });
});
