// Latency sampling and the table/JSON every benchmark prints.
export type Sample = { name: string; n: number; p50: number; p95: number; p99: number; mean: number };

export async function sample(name: string, n: number, warmup: number, run: (i: number) => Promise<void>): Promise<Sample> {
  for (let i = 0; i < warmup; i++) await run(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const round = (x: number) => Math.round(x * 100) / 100;
  return { name, n, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), mean: round(times.reduce((a, b) => a + b, 0) / times.length) };
}

export function printTable(title: string, rows: (Sample & { goal?: string; baselineRatio?: number })[]) {
  console.log(`\n${title}`);
  console.log(["measure".padEnd(44), "n".padStart(5), "p50 ms".padStart(9), "p95 ms".padStart(9), "p99 ms".padStart(9), "× baseline".padStart(11), "goal".padStart(12)].join(" "));
  for (const r of rows)
    console.log(
      [
        r.name.padEnd(44),
        String(r.n).padStart(5),
        r.p50.toFixed(2).padStart(9),
        r.p95.toFixed(2).padStart(9),
        r.p99.toFixed(2).padStart(9),
        (r.baselineRatio ? r.baselineRatio.toFixed(2) : "").padStart(11),
        (r.goal ?? "").padStart(12),
      ].join(" "),
    );
}
