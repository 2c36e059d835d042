import { describe, expect, it } from "vitest";
import { bounceRateExceeds, failedShare } from "./bounce-rate";

describe("the bounce-rate arithmetic", () => {
  it("counts bounced and rejected among the last N finished messages", () => {
    expect(failedShare(["bounced", "delivered", "rejected", "delivered"], 4)).toBe(0.5);
    expect(failedShare(["bounced", "bounced", "delivered", "delivered", "bounced"], 4)).toBe(0.5);
  });

  it("says nothing with fewer than N messages", () => {
    expect(failedShare(["bounced", "bounced"], 3)).toBeNull();
    expect(bounceRateExceeds(null, 0)).toBe(false);
  });

  it("alerts above the threshold, not at it", () => {
    expect(bounceRateExceeds(0.2, 0.2)).toBe(false);
    expect(bounceRateExceeds(0.21, 0.2)).toBe(true);
  });
});
