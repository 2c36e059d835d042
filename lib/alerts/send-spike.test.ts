import { describe, expect, it } from "vitest";
import { BASELINE_HOURS, p95, spikeLimit } from "./send-spike";

describe("the sending-spike arithmetic", () => {
  it("takes the nearest-rank 95th percentile of the hourly counts", () => {
    const hours = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(p95(hours)).toBe(95);
    expect(p95([5])).toBe(5);
    expect(p95([])).toBe(0);
  });

  it("ignores a few busy hours among 168 quiet ones (8 of 168 is under 5 %)", () => {
    const hours = [...new Array<number>(BASELINE_HOURS - 8).fill(10), ...new Array<number>(8).fill(5000)];
    expect(p95(hours)).toBe(10);
  });

  it("does not depend on the order of the hours", () => {
    expect(p95([9, 1, 7, 3, 5])).toBe(p95([1, 3, 5, 7, 9]));
  });

  it("limits at k × p95, never below the floor", () => {
    expect(spikeLimit(3, 50, 100)).toBe(150);
    expect(spikeLimit(3, 10, 100)).toBe(100);
    expect(spikeLimit(3, 0, 100)).toBe(100);
    expect(spikeLimit(2.5, 41, 1)).toBe(103);
  });
});
