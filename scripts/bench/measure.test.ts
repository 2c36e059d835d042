import { describe, expect, it } from "vitest";
import { percentile, quantiles } from "./measure";

describe("benchmark quantiles", () => {
  it("reads the 95th percentile of twenty samples as the nineteenth, not the slowest", () => {
    const times = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(quantiles(times)).toMatchObject({ p50: 10, p95: 19, p99: 20 });
  });

  it("reads the 95th and 99th percentiles of two hundred samples by nearest rank", () => {
    const times = Array.from({ length: 200 }, (_, i) => i + 1);
    expect(quantiles(times)).toMatchObject({ p50: 100, p95: 190, p99: 198 });
  });

  it("reads every percentile of one sample as that sample, and of none as NaN", () => {
    expect(quantiles([7])).toMatchObject({ p50: 7, p95: 7, p99: 7 });
    expect(percentile([], 0.99)).toBeNaN();
  });
});
