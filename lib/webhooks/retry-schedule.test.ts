import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, nextRetryDelayMs, RETRY_SPAN_S } from "./retry-schedule";

describe("the webhook retry schedule", () => {
  it("starts at 5 seconds, then 30 seconds, 2 and 10 minutes (without jitter)", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((n) => nextRetryDelayMs(n, 5000, mid))).toEqual([5000, 30_000, 120_000, 600_000]);
  });

  it("keeps retrying for at least 24 hours even with the least jitter, then gives up", () => {
    let total = 0;
    for (let n = 1; n < MAX_ATTEMPTS; n++) total += nextRetryDelayMs(n, 5000, () => 0)!;
    expect(total).toBeGreaterThanOrEqual(24 * 3600 * 1000);
    expect(RETRY_SPAN_S).toBeGreaterThanOrEqual(24 * 3600);
    expect(nextRetryDelayMs(MAX_ATTEMPTS, 5000)).toBeNull();
  });

  it("spreads retries by jitter and scales with the base delay", () => {
    expect(nextRetryDelayMs(1, 5000, () => 0)).toBe(4500);
    expect(nextRetryDelayMs(1, 5000, () => 1)).toBe(5500);
    expect(nextRetryDelayMs(2, 100, () => 0.5)).toBe(600);
  });
});
