// Password guessing at the demo IdP is limited per email and per client address: after too many
// failures within the window, sign-in is refused (even with the right password, or the
// refusal would itself confirm a guess) until the oldest failure leaves the window. An attempt
// counts as a failure from the moment it starts: checking a password takes ~100 ms (scrypt), and
// counting it only afterwards let a burst of parallel guesses all pass the check (100 of them
// against a limit of 5). In memory: the IdP is one process, and a restart forgetting counts is
// acceptable for a demo.
import { normaliseIp } from "../lib/net/cidr";

export type ThrottleOptions = {
  maxPerEmail: number;
  maxPerIp: number;
  windowSeconds: number;
  /** Upper bound on remembered emails and addresses each (oldest forgotten first). */
  maxKeys?: number;
  now?: () => number;
};

/** An attempt under way: already counted as a failure; `succeeded()` takes it back and forgets the email's failures. */
export type SignInAttempt = { succeeded(): void };
export type ThrottleDecision = { ok: true; attempt: SignInAttempt } | { ok: false; retryAfterSeconds: number };

export type SignInThrottle = {
  /** Refuses, or counts the attempt at once (before its password is checked). */
  begin(email: string, ip: string | undefined): ThrottleDecision;
  size(): number;
};

export function createSignInThrottle(options: ThrottleOptions): SignInThrottle {
  const now = options.now ?? Date.now;
  const windowMs = options.windowSeconds * 1000;
  const maxKeys = options.maxKeys ?? 10_000;
  const byEmail = new Map<string, number[]>();
  const byIp = new Map<string, number[]>();
  const emailKey = (email: string) => email.trim().toLowerCase();
  const ipKey = (ip: string | undefined) => (ip ? (normaliseIp(ip) ?? ip) : "unknown");

  /** Failures still inside the window, oldest first; forgets the key when none are left. */
  function recent(map: Map<string, number[]>, key: string): number[] {
    const cutoff = now() - windowMs;
    const kept = (map.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length === 0) map.delete(key);
    else map.set(key, kept);
    return kept;
  }

  function waitFor(failures: number[], max: number): number {
    if (failures.length < max) return 0;
    return Math.max(1, Math.ceil((failures[failures.length - max]! + windowMs - now()) / 1000));
  }

  /** Counts a failure now; returns its time, to take it back. */
  function add(map: Map<string, number[]>, key: string, max: number): number {
    const list = recent(map, key);
    const at = now();
    list.push(at);
    map.delete(key); // re-insert: Map order is then least recently failed first
    map.set(key, list.slice(-max));
    while (map.size > maxKeys) map.delete(map.keys().next().value!);
    return at;
  }

  function remove(map: Map<string, number[]>, key: string, at: number) {
    const list = map.get(key);
    const i = list?.lastIndexOf(at) ?? -1;
    if (i >= 0) list!.splice(i, 1);
  }

  return {
    begin(email, ip) {
      const wait = Math.max(
        waitFor(recent(byEmail, emailKey(email)), options.maxPerEmail),
        waitFor(recent(byIp, ipKey(ip)), options.maxPerIp),
      );
      if (wait > 0) return { ok: false, retryAfterSeconds: wait };
      add(byEmail, emailKey(email), options.maxPerEmail);
      const at = add(byIp, ipKey(ip), options.maxPerIp);
      return {
        ok: true,
        attempt: {
          succeeded() {
            byEmail.delete(emailKey(email));
            remove(byIp, ipKey(ip), at);
          },
        },
      };
    },
    size: () => byEmail.size + byIp.size,
  };
}

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts to sign in. Please try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}
