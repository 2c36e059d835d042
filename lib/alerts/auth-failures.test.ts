import { describe, expect, it } from "vitest";
import { FAILURE_WINDOW_MS, failuresExceed } from "./auth-failures";

describe("the AUTH-failures arithmetic", () => {
  it("alerts above the threshold, not at it", () => {
    expect(failuresExceed(10, 10)).toBe(false);
    expect(failuresExceed(11, 10)).toBe(true);
  });

  it("counts over 10 minutes", () => {
    expect(FAILURE_WINDOW_MS).toBe(600_000);
  });
});
