import { describe, expect, it } from "vitest";
import { percentile, pooled, quantiles } from "./measure";

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

describe("pooling a row's runs", () => {
  const run = (times: number[], baseTimes: number[]) => ({ name: "cold: page", n: times.length, p50: 0, p95: 0, p99: 0, mean: 0, goal: "p95 ≤ 100", times, baseTimes });

  it("ranks the 95th percentile among every run's samples, and the baseline's among every run's baseline", () => {
    // One run's two slow requests are its own p95 (19th of 20); among 60 samples the 57th is an ordinary one.
    const ordinary = (k: number) => Array.from({ length: k }, (_, i) => 1 + (i % 10));
    const slowRun = run([...ordinary(18), 50, 60], Array(20).fill(5));
    expect(pooled([slowRun])).toMatchObject({ p95: 50 });
    const row = pooled([slowRun, run(ordinary(20), Array(20).fill(4)), run(ordinary(20), Array(20).fill(6))]);
    expect(row).toMatchObject({ name: "cold: page", n: 60, p95: 10, goal: "p95 ≤ 100", baseline: { n: 60, p95: 6 }, baselineRatio: 1.67 });
  });

  it("counts every run's samples", () => {
    const row = pooled([run([1, 2], [1, 1]), run([3, 400], [1, 1])]);
    expect(row).toMatchObject({ n: 4, p99: 400, baseline: { n: 4 } });
  });
});
