import { describe, expect, it } from "vitest";
import { isAuthenticationFresh, requireFreshAuthentication } from "./step-up";

describe("step-up freshness", () => {
  const now = new Date("2026-01-01T12:00:00Z");

  it("accepts an authentication within the maximum age", () => {
    expect(isAuthenticationFresh(new Date("2026-01-01T11:55:00Z"), 600, now)).toBe(true);
  });

  it("refuses an authentication older than the maximum age", () => {
    expect(isAuthenticationFresh(new Date("2026-01-01T11:49:59Z"), 600, now)).toBe(false);
  });

  it("treats a missing auth_time as stale", () => {
    expect(() => requireFreshAuthentication(null, 600, now)).toThrow(expect.objectContaining({ code: "STEP_UP_REQUIRED" }));
  });
});
