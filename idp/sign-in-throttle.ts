// Password guessing at the demo IdP is limited per email and per client address: after too many
// failures within the window, sign-in is refused (even with the right password, or the
// refusal would itself confirm a guess) until the oldest failure leaves the window. In memory:
// the IdP is one process, and a restart forgetting counts is acceptable for a demo.
import { normaliseIp } from "../lib/net/cidr";

export type ThrottleOptions = {
  maxPerEmail: number;
  maxPerIp: number;
  windowSeconds: number;
  /** Upper bound on remembered emails and addresses each (oldest forgotten first). */
  maxKeys?: number;
  now?: () => number;
};

export type ThrottleDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export type SignInThrottle = {
  check(email: string, ip: string | undefined): ThrottleDecision;
  recordFailure(email: string, ip: string | undefined): void;
  recordSuccess(email: string): void;
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

  function add(map: Map<string, number[]>, key: string, max: number) {
    const list = recent(map, key);
    list.push(now());
    map.delete(key); // re-insert: Map order is then least recently failed first
    map.set(key, list.slice(-max));
    while (map.size > maxKeys) map.delete(map.keys().next().value!);
  }

  return {
    check(email, ip) {
      const wait = Math.max(
        waitFor(recent(byEmail, emailKey(email)), options.maxPerEmail),
        waitFor(recent(byIp, ipKey(ip)), options.maxPerIp),
      );
      return wait > 0 ? { ok: false, retryAfterSeconds: wait } : { ok: true };
    },
    recordFailure(email, ip) {
      add(byEmail, emailKey(email), options.maxPerEmail);
      add(byIp, ipKey(ip), options.maxPerIp);
    },
    recordSuccess(email) {
      byEmail.delete(emailKey(email));
    },
    size: () => byEmail.size + byIp.size,
  };
}

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts to sign in. Please try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}
