// A short-lived memo for the chart queries that read a whole window of history: the finished
// hours of SMTP AUTH failures over LoginEvent and of the Delivery Logs strip's filtered counts
// (kept for CHART_CACHE_MS, the hour under way read afresh: see countPerHour), and the top
// accounts' closed hours, per account (top-accounts.ts). Message volume charts read the hourly
// rollup (VolumeHour) and need no memo.
// One per process, on globalThis (Next.js may load this module more than once); bounded.
export const CHART_CACHE_MS = 60_000;

type Entry = { until: number; value: Promise<unknown> };
type Store = { entries: Map<string, Entry>; max: number };
const KEY = Symbol.for("migosmtp.charts.cache");
const stores = ((globalThis as Record<symbol, { small: Store; large: Store } | undefined>)[KEY] ??= {
  small: { entries: new Map(), max: 500 },
  // Values of thousands of rows (a workspace's count per account, ~1 MB at 10,000 accounts).
  large: { entries: new Map(), max: 16 },
});

function memoize<T>(store: Store, key: string, load: () => Promise<T>, now: number, ttlMs: number): Promise<T> {
  const { entries, max } = store;
  const hit = entries.get(key);
  if (hit && hit.until > now) return hit.value as Promise<T>;
  if (entries.size >= max) for (const [k, e] of entries) if (e.until <= now || entries.size >= max) entries.delete(k);
  const value = load();
  entries.set(key, { until: now + ttlMs, value });
  // A failed query is not kept: the next request tries again.
  value.catch(() => entries.delete(key));
  return value;
}

/**
 * `load()` once per `key` per `ttlMs` (CHART_CACHE_MS by default); the key must name the workspace
 * and everything the value depends on. A value that never changes under its key (closed hours
 * of the rollup, keyed by its watermark) may be kept longer.
 */
export function memoizeChart<T>(key: string, load: () => Promise<T>, now = Date.now(), ttlMs = CHART_CACHE_MS): Promise<T> {
  return memoize(stores.small, key, load, now, ttlMs);
}

/** As memoizeChart, for values of thousands of rows: only the 16 most recent are kept. */
export function memoizeLargeChart<T>(key: string, load: () => Promise<T>, now = Date.now(), ttlMs = CHART_CACHE_MS): Promise<T> {
  return memoize(stores.large, key, load, now, ttlMs);
}

/** The keys of every value kept (tests). */
export function memoizedChartKeys(): string[] {
  return [...stores.small.entries.keys(), ...stores.large.entries.keys()];
}

/** Forgets every memoized value (tests). */
export function clearChartCache(): void {
  stores.small.entries.clear();
  stores.large.entries.clear();
}
