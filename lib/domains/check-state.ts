// What a check's outcome does to a domain's status and schedule, as a pure function.
//  - pending: background failures keep it pending (the admin may not have published yet);
//    a failed "Verify now" shows failed with the reason. Both are retried with backoff
//    (1 min doubling to 6 h) until a week after the domain was added, then only on demand.
//  - verified: re-checked daily; one failed check does not stop its mail (a DNS blip),
//    three in a row make it failed, and the relay then refuses mail from it.

export type CheckFailure = "TOKEN_MISSING" | "WRONG_VALUE" | "NXDOMAIN" | "TIMEOUT" | "DNS_ERROR" | "TAKEN";

export type CheckOutcome = { ok: true } | { ok: false; reason: CheckFailure; message: string };

export type DomainState = { status: string; checkAttempts: number; createdAt: Date; verifiedAt: Date | null };

export const RETRY_BASE_MS = 60_000;
export const RETRY_MAX_MS = 6 * 3600_000;
export const GIVE_UP_AFTER_MS = 7 * 24 * 3600_000;
export const VERIFIED_RECHECK_MS = 24 * 3600_000;
export const VERIFIED_RETRY_BASE_MS = 15 * 60_000;
export const VERIFIED_FAILURES_BEFORE_FAILED = 3;

export function backoff(attempts: number, baseMs = RETRY_BASE_MS, maxMs = RETRY_MAX_MS): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(30, attempts - 1)));
}

export function nextState(domain: DomainState, outcome: CheckOutcome, now: Date, manual: boolean) {
  const base = { lastCheckedAt: now };
  if (outcome.ok) {
    return {
      ...base,
      status: "verified",
      lastCheckError: null,
      checkAttempts: 0,
      verifiedAt: domain.status === "verified" && domain.verifiedAt ? domain.verifiedAt : now,
      nextCheckAt: new Date(now.getTime() + VERIFIED_RECHECK_MS),
    };
  }
  const attempts = domain.checkAttempts + 1;
  if (domain.status === "verified") {
    const failed = attempts >= VERIFIED_FAILURES_BEFORE_FAILED;
    return {
      ...base,
      status: failed ? "failed" : "verified",
      lastCheckError: outcome.message,
      checkAttempts: attempts,
      verifiedAt: failed ? null : domain.verifiedAt,
      nextCheckAt: new Date(now.getTime() + backoff(attempts, VERIFIED_RETRY_BASE_MS)),
    };
  }
  const givenUp = now.getTime() - domain.createdAt.getTime() > GIVE_UP_AFTER_MS;
  return {
    ...base,
    status: manual || domain.status === "failed" ? "failed" : "pending",
    lastCheckError: outcome.message,
    checkAttempts: attempts,
    verifiedAt: null,
    nextCheckAt: givenUp ? null : new Date(now.getTime() + backoff(attempts)),
  };
}
