import { describe, expect, it } from "vitest";
import { createSignInThrottle, tooManyAttemptsMessage } from "./sign-in-throttle";

function setup(overrides: Partial<Parameters<typeof createSignInThrottle>[0]> = {}) {
  let now = 1_000_000;
  const throttle = createSignInThrottle({ maxPerEmail: 3, maxPerIp: 5, windowSeconds: 600, now: () => now, ...overrides });
  /** An attempt whose password turned out wrong (it counted when it began). */
  const fail = (email: string, ip: string) => expect(throttle.begin(email, ip).ok).toBe(true);
  const check = (email: string, ip: string) => {
    const decision = throttle.begin(email, ip);
    if (decision.ok) decision.attempt.succeeded();
    return decision.ok ? { ok: true } : decision;
  };
  return { throttle, fail, check, advance: (seconds: number) => (now += seconds * 1000) };
}

describe("sign-in throttle at the demo IdP", () => {
  it("lets a few wrong passwords through, then refuses that email for the rest of the window", () => {
    const { fail, check } = setup();
    for (let i = 0; i < 3; i++) fail("ada@acme.test", "127.0.0.1");
    expect(check("ada@acme.test", "127.0.0.1")).toEqual({ ok: false, retryAfterSeconds: 600 });
  });

  it("counts an email however it is capitalised or padded", () => {
    const { fail, check } = setup();
    for (const e of ["Ada@Acme.test", " ada@acme.test", "ADA@ACME.TEST"]) fail(e, "10.0.0.1");
    expect(check("ada@acme.test", "10.0.0.2").ok).toBe(false);
  });

  it("refuses an address that guesses across many emails", () => {
    const { fail, check } = setup();
    for (let i = 0; i < 5; i++) fail(`user${i}@acme.test`, "::ffff:10.0.0.9");
    expect(check("someone-else@acme.test", "10.0.0.9").ok).toBe(false);
    expect(check("someone-else@acme.test", "10.0.0.8").ok).toBe(true);
  });

  it("lets the email in again once its oldest failure leaves the window", () => {
    const { fail, check, advance } = setup();
    fail("ada@acme.test", "127.0.0.1");
    advance(100);
    fail("ada@acme.test", "127.0.0.1");
    fail("ada@acme.test", "127.0.0.1");
    advance(200);
    expect(check("ada@acme.test", "127.0.0.1")).toEqual({ ok: false, retryAfterSeconds: 300 });
    advance(300);
    expect(check("ada@acme.test", "127.0.0.1")).toEqual({ ok: true });
  });

  it("forgets an email's failures after a successful sign-in", () => {
    const { fail, check } = setup();
    fail("ada@acme.test", "127.0.0.1");
    fail("ada@acme.test", "127.0.0.1");
    expect(check("ada@acme.test", "127.0.0.1").ok).toBe(true);
    fail("ada@acme.test", "127.0.0.1");
    fail("ada@acme.test", "127.0.0.1");
    expect(check("ada@acme.test", "127.0.0.1").ok).toBe(true);
  });

  it("counts attempts whose passwords are still being checked, so a burst of parallel guesses stops at the limit", () => {
    const { throttle } = setup();
    const burst = Array.from({ length: 20 }, () => throttle.begin("ada@acme.test", "127.0.0.1"));
    expect(burst.filter((d) => d.ok)).toHaveLength(3);
    expect(burst.at(-1)).toEqual({ ok: false, retryAfterSeconds: 600 });
  });

  it("keeps its memory bounded however many emails are tried", () => {
    const { throttle, fail } = setup({ maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) fail(`u${i}@x.test`, `10.0.${i >> 8}.${i & 255}`);
    expect(throttle.size()).toBeLessThanOrEqual(200);
  });

  it("says how long to wait in whole minutes", () => {
    expect(tooManyAttemptsMessage(600)).toBe("Too many attempts to sign in. Please try again in 10 minutes.");
    expect(tooManyAttemptsMessage(61)).toBe("Too many attempts to sign in. Please try again in 2 minutes.");
    expect(tooManyAttemptsMessage(5)).toBe("Too many attempts to sign in. Please try again in 1 minute.");
  });
});
