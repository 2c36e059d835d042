// Latency sampling and the table/JSON every benchmark prints.
export type Sample = { name: string; n: number; p50: number; p95: number; p99: number; mean: number };
/** A row measured against its own baseline, sampled alternately in the same loop. */
export type ComparedSample = Sample & {
  goal?: string;
  baseline?: Sample;
  baselineRatio?: number;
  /** The row's and the baseline's times in the order taken (ms): to see a cold start's first requests, and to pool runs. */
  times?: number[];
  baseTimes?: number[];
};

/** The median; of an even count, the mean of the middle two (the upper one alone biased every even-round drop upwards). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}

/**
 * Percentiles by nearest rank: the q-th is the ceil(q·n)-th smallest sample (of 20, p95 is the
 * 19th). The index used before, floor(q·n), was one rank high: p95 of 20 samples was the slowest.
 */
export function quantiles(times: readonly number[]): Omit<Sample, "name"> {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => percentileOfSorted(sorted, q);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { n: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)) };
}

/** The q-th percentile (0 < q ≤ 1) of ascending values by nearest rank; NaN when there are none. */
function percentileOfSorted(sorted: readonly number[], q: number): number {
  // The epsilon keeps an exact product (0.95 × 20) from rounding up a rank through float error.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length - 1e-9) - 1))] ?? NaN;
}

/** The q-th percentile (0 < q ≤ 1) of `values` by nearest rank; NaN when there are none. */
export function percentile(values: readonly number[], q: number): number {
  return percentileOfSorted([...values].sort((a, b) => a - b), q);
}

function summarize(name: string, times: number[]): Sample {
  return { name, ...quantiles(times) };
}

async function timed(run: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await run();
  return performance.now() - t;
}

export async function sample(name: string, n: number, warmup: number, run: (i: number) => Promise<void>): Promise<Sample> {
  for (let i = 0; i < warmup; i++) await run(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await timed(() => run(i)));
  return summarize(name, times);
}

/**
 * Samples `run` and `baseline` alternately (which goes first alternates too), so both see the
 * same machine load: on a shared machine a baseline measured once at the start says little
 * about a row measured minutes later. The ratio is p95 over the baseline's p95.
 */
export async function sampleAgainstBaseline(
  name: string,
  n: number,
  warmup: number,
  run: (i: number) => Promise<void>,
  baseline: () => Promise<void>,
): Promise<ComparedSample> {
  for (let i = 0; i < warmup; i++) {
    await baseline();
    await run(-1 - i);
  }
  const times: number[] = [];
  const baseTimes: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      baseTimes.push(await timed(baseline));
      times.push(await timed(() => run(i)));
    } else {
      times.push(await timed(() => run(i)));
      baseTimes.push(await timed(baseline));
    }
  }
  return compared(name, times, baseTimes);
}

function compared(name: string, times: number[], baseTimes: number[]): ComparedSample {
  const row = summarize(name, times);
  const base = summarize(`baseline for ${name}`, baseTimes);
  return { ...row, baseline: base, baselineRatio: Math.round((row.p95 / base.p95) * 100) / 100, times, baseTimes };
}

/**
 * One row from the same row measured in several runs (a cold pass after each of several
 * restarts): its times and its baseline's pooled, so its p95 is a rank among all of them and
 * not the second-slowest of one run's 20.
 */
export function pooled(runs: readonly ComparedSample[]): ComparedSample {
  if (runs.length === 0) throw new Error("pooled: no runs");
  return { ...compared(runs[0]!.name, runs.flatMap((r) => r.times ?? []), runs.flatMap((r) => r.baseTimes ?? [])), goal: runs[0]!.goal };
}

export function printTable(title: string, rows: ComparedSample[]) {
  console.log(`\n${title}`);
  console.log(
    ["measure".padEnd(64), "n".padStart(5), "p50 ms".padStart(9), "p95 ms".padStart(9), "p99 ms".padStart(9), "base p95".padStart(9), "× base".padStart(7), "goal".padStart(12)].join(" "),
  );
  for (const r of rows)
    console.log(
      [
        r.name.padEnd(64),
        String(r.n).padStart(5),
        r.p50.toFixed(2).padStart(9),
        r.p95.toFixed(2).padStart(9),
        r.p99.toFixed(2).padStart(9),
        (r.baseline ? r.baseline.p95.toFixed(2) : "").padStart(9),
        (r.baselineRatio ? r.baselineRatio.toFixed(2) : "").padStart(7),
        (r.goal ?? "").padStart(12),
      ].join(" "),
    );
}
