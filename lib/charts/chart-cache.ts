// A short-lived memo for the chart queries that read a whole window of history (the overview's
// 7 and 30 days over a busy workspace read every message of the month): their finished hours
// are kept for CHART_CACHE_MS, so a page reload or the next range tab does not read the month
// again, while the hour under way is always read afresh (see countPerHour). Counts of older hours
// still change (a deferred message delivered, retention), so they may lag by up to that long.
// One per process, on globalThis (Next.js may load this module more than once); bounded.
export const CHART_CACHE_MS = 60_000;
const MAX_ENTRIES = 500;

type Entry = { until: number; value: Promise<unknown> };
const KEY = Symbol.for("migosmtp.charts.cache");
const store = ((globalThis as Record<symbol, Map<string, Entry> | undefined>)[KEY] ??= new Map<string, Entry>());

/** `load()` once per `key` per CHART_CACHE_MS; the key must name the workspace and everything the value depends on. */
export function memoizeChart<T>(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
  const hit = store.get(key);
  if (hit && hit.until > now) return hit.value as Promise<T>;
  if (store.size >= MAX_ENTRIES) for (const [k, e] of store) if (e.until <= now || store.size >= MAX_ENTRIES) store.delete(k);
  const value = load();
  store.set(key, { until: now + CHART_CACHE_MS, value });
  // A failed query is not kept: the next request tries again.
  value.catch(() => store.delete(key));
  return value;
}

/** Forgets every memoized value (tests). */
export function clearChartCache(): void {
  store.clear();
}
