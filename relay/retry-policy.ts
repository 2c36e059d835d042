// What happens after a failed delivery attempt, as a pure rule: a 5xx reply is final (bounced);
// anything else is tried again with exponential backoff, until the message would outlive
// RELAY_MAX_QUEUE_AGE, when it bounces with the last reply. And which recipients a reply
// hard-bounced (they go on the workspace's suppression list).
import { suppressionKey } from "../lib/suppressions/address";
import { joinLines } from "../lib/text/join-lines";

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

type RecipientError = { recipient?: unknown; responseCode?: unknown; response?: unknown };

/** Enhanced status 5.1.x: the address itself is bad (no such mailbox, bad domain), not the content or the sender. */
const ADDRESS_FAILURE = /^5\d\d[ -]5\.1\.\d{1,3}\b/;

/**
 * The recipients a smarthost's answer hard-bounced, each with its reply, to go on the
 * suppression list. `outcome` is nodemailer's info (a partial success) or its error:
 *  - per recipient, every 5xx in `rejectedErrors` (the RCPT TO reply, or a per-recipient DATA
 *    reply over LMTP); a 4xx never counts;
 *  - a whole-message 5xx (DATA refused, no per-recipient replies) counts for every recipient only
 *    when its enhanced status is 5.1.x: a 5.7.x policy or 5.3.4 size refusal says nothing about
 *    the addresses, and suppressing every recipient for it would be wrong.
 */
export function hardBounces(outcome: unknown, recipients: readonly string[]): { address: string; reply: string }[] {
  const o = (outcome ?? {}) as { rejectedErrors?: unknown; responseCode?: unknown; response?: unknown; command?: unknown };
  const perRecipient = Array.isArray(o.rejectedErrors) ? (o.rejectedErrors as RecipientError[]) : [];
  const found = new Map<string, string>();
  for (const e of perRecipient) {
    if (typeof e.recipient !== "string" || typeof e.responseCode !== "number" || e.responseCode < 500 || e.responseCode > 599) continue;
    found.set(suppressionKey(e.recipient), oneLine(typeof e.response === "string" ? e.response : String(e.responseCode)));
  }
  if (perRecipient.length === 0 && typeof o.responseCode === "number" && o.responseCode >= 500 && o.responseCode <= 599 && typeof o.response === "string" && o.command !== "MAIL FROM") {
    if (ADDRESS_FAILURE.test(o.response)) for (const r of recipients) found.set(suppressionKey(r), oneLine(o.response));
  }
  return [...found].map(([address, reply]) => ({ address, reply }));
}

/** One line of at most 500 characters, for replies stored and logged. */
export function oneLine(text: string): string {
  const flat = joinLines(text);
  return flat.length > 500 ? `${flat.slice(0, 497)}...` : flat;
}
