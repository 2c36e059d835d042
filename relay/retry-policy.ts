// What happens after a failed delivery attempt, as a pure rule: a 5xx reply is final (bounced);
// anything else is tried again with exponential backoff, until the message would outlive
// RELAY_MAX_QUEUE_AGE, when it bounces with the last reply.

/** First retry after a temporary failure; doubles per attempt up to MAX_RETRY_MS. */
export const RETRY_BASE_MS = 60_000;
export const MAX_RETRY_MS = 3_600_000;

/** When to try again after `attempts` tries (exponential, capped). */
export function nextRetryDelay(attempts: number, baseMs = RETRY_BASE_MS, maxMs = MAX_RETRY_MS): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** The outcome of one try: 5xx is final (bounced), anything else is worth retrying. */
export function classifyFailure(error: unknown): { permanent: boolean; reply: string } {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  if (typeof e.responseCode === "number" && e.response) return { permanent: e.responseCode >= 500 && e.responseCode < 600, reply: oneLine(e.response) };
  return { permanent: false, reply: `upstream unavailable: ${oneLine(e.code ?? e.message ?? String(error))}` };
}

export type RetryDecision = { status: "bounced"; reply: string; nextAttemptAt: null } | { status: "deferred"; reply: string; nextAttemptAt: Date };

/** The message's state after failed attempt number `attempts` (1 for the first) at `at`. */
export function afterFailure(
  error: unknown,
  { attempts, createdAt, at, retryBaseMs = RETRY_BASE_MS, maxQueueAgeMs }: { attempts: number; createdAt: Date; at: Date; retryBaseMs?: number; maxQueueAgeMs: number },
): RetryDecision {
  const { permanent, reply } = classifyFailure(error);
  if (permanent) return { status: "bounced", reply, nextAttemptAt: null };
  const next = new Date(at.getTime() + nextRetryDelay(attempts, retryBaseMs));
  if (next.getTime() - createdAt.getTime() > maxQueueAgeMs) return { status: "bounced", reply: `gave up after ${attempts} attempts: ${reply}`, nextAttemptAt: null };
  return { status: "deferred", reply, nextAttemptAt: next };
}

/** One line of at most 500 characters, for replies stored and logged. */
export function oneLine(text: string): string {
  const flat = text.replace(/\s*\r?\n\s*/g, " ").trim();
  return flat.length > 500 ? `${flat.slice(0, 497)}...` : flat;
}
