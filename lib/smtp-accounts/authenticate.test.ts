import { describe, expect, it } from "vitest";
import { counterKeys, normaliseUsername, slidingCount, windowStartOf } from "./authenticate";

describe("brute-force counting", () => {
  it("keys counters by username and client IP", () => {
    expect(counterKeys("smtpuser_a3b2f1c9", "10.0.0.1")).toEqual({
      fail: "smtp-auth-fail:smtpuser_a3b2f1c9|10.0.0.1",
      lock: "smtp-auth-lock:smtpuser_a3b2f1c9|10.0.0.1",
      ipFail: "smtp-auth-ipfail:10.0.0.1",
      ipLock: "smtp-auth-iplock:10.0.0.1",
    });
  });
  it("bounds the key length for absurd usernames", () => {
    expect(counterKeys("x".repeat(10_000), "::1").fail.length).toBeLessThan(200);
  });
  it("aligns windows", () => {
    expect(windowStartOf(new Date(125_000), 60_000).getTime()).toBe(120_000);
  });
  it("weights the previous window by its overlap", () => {
    expect(slidingCount(1, 4, 0)).toBe(5);
    expect(slidingCount(1, 4, 0.5)).toBe(3);
    expect(slidingCount(1, 4, 1)).toBe(1);
  });
  it("normalises usernames", () => {
    expect(normaliseUsername("  SMTPUSER_A3B2F1C9 ")).toBe("smtpuser_a3b2f1c9");
    // AUTH LOGIN's base64 may decode to a NUL, which a PostgreSQL LoginEvent cannot hold.
    expect(normaliseUsername("smtpuser\u0000x")).toBe("smtpuser\uFFFDx");
  });
});
