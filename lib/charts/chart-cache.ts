// A short-lived memo for the chart queries that still read a whole window of history: SMTP AUTH
// failures over LoginEvent (finished hours kept for CHART_CACHE_MS, the hour under way read
// afresh: see countPerHour). Message volume charts read the hourly rollup (VolumeHour) and the
// top accounts the daily running totals (VolumeDay); neither needs a memo.
// One per process, on globalThis (Next.js may load this module more than once); bounded.
export const CHART_CACHE_MS = 60_000;
const MAX_ENTRIES = 500;

type Entry = { until: number; value: Promise<unknown> };
const KEY = Symbol.for("migosmtp.charts.cache");
const store = ((globalThis as Record<symbol, Map<string, Entry> | undefined>)[KEY] ??= new Map<string, Entry>());

/**
 * `load()` once per `key` per `ttlMs` (CHART_CACHE_MS by default); the key must name the workspace
 * and everything the value depends on. A value that never changes under its key (closed hours
 * of the rollup, keyed by its watermark) may be kept longer.
 */
export function memoizeChart<T>(key: string, load: () => Promise<T>, now = Date.now(), ttlMs = CHART_CACHE_MS): Promise<T> {
  const hit = store.get(key);
  if (hit && hit.until > now) return hit.value as Promise<T>;
  if (store.size >= MAX_ENTRIES) for (const [k, e] of store) if (e.until <= now || store.size >= MAX_ENTRIES) store.delete(k);
  const value = load();
  store.set(key, { until: now + ttlMs, value });
  // A failed query is not kept: the next request tries again.
  value.catch(() => store.delete(key));
  return value;
}

/** Forgets every memoized value (tests). */
export function clearChartCache(): void {
  store.clear();
}
