// When a failed webhook POST is tried again: 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, then every
// 2–3 h, each with ±20 % jitter (so endpoints that failed together do not retry together), for
// at least 24 hours; after the last try the delivery is `failed`. WEBHOOK_RETRY_BASE_MS (the
// first delay, 5 s) scales the whole schedule, so tests can run it in seconds.
const SCHEDULE_S = [5, 30, 120, 600, 1800, 3600, 7200, 7200, 9000, 9000, 10_800, 10_800, 10_800, 10_800, 10_800, 10_800];
const JITTER = 0.2;

/** Total of the schedule without jitter: the retries span at least this long (≥ 24 h at the default base). */
export const RETRY_SPAN_S = SCHEDULE_S.reduce((a, b) => a + b, 0);
/** Tries in all: the first and one per scheduled delay. */
export const MAX_ATTEMPTS = SCHEDULE_S.length + 1;

/**
 * The delay before try number `attempts + 1`, after `attempts` failed tries; null when the
 * schedule is spent and the delivery has failed for good.
 */
export function nextRetryDelayMs(attempts: number, baseMs = 5000, random: () => number = Math.random): number | null {
  const step = SCHEDULE_S[attempts - 1];
  if (step === undefined) return null;
  const scaled = (step / SCHEDULE_S[0]!) * baseMs;
  // Never below the schedule's nominal minimum overall: jitter widens later delays more than it shortens them.
  return Math.round(scaled * (1 - JITTER / 2 + random() * JITTER));
}
