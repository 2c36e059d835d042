import { describe, expect, it } from "vitest";
import { GRACE_PRESETS, graceDeadline, inGrace, ZGraceSeconds } from "./grace-window";

describe("the grace window of a planned rotation", () => {
  it("takes 1 hour to 30 days, in whole seconds, and says what to do otherwise", () => {
    for (const { seconds } of GRACE_PRESETS) expect(ZGraceSeconds.safeParse(seconds).success).toBe(true);
    expect(ZGraceSeconds.safeParse(3599).error?.issues[0]?.message).toMatch(/at least 1 hour; for a leaked password use Reset Password/);
    expect(ZGraceSeconds.safeParse(30 * 86_400 + 1).error?.issues[0]?.message).toBe("The grace window is at most 30 days");
    expect(ZGraceSeconds.safeParse(3600.5).success).toBe(false);
    expect(ZGraceSeconds.safeParse("3600").success).toBe(false);
  });

  it("ends the chosen time after the rotation", () => {
    const now = new Date("2026-11-28T12:00:00.000Z");
    expect(graceDeadline(now, 86_400).toISOString()).toBe("2026-11-29T12:00:00.000Z");
    expect(() => graceDeadline(now, 60)).toThrow();
  });

  it("counts a passed deadline as no grace window", () => {
    const now = new Date("2026-11-28T12:00:00.000Z");
    expect(inGrace({ graceEndsAt: new Date(now.getTime() + 1), previousPasswordVerifier: "v" }, now)).toBe(true);
    expect(inGrace({ graceEndsAt: now, previousPasswordVerifier: "v" }, now)).toBe(false);
    expect(inGrace({ graceEndsAt: null, previousPasswordVerifier: null }, now)).toBe(false);
  });
});
