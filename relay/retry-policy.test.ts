import { describe, expect, it } from "vitest";
import { afterFailure, classifyFailure, MAX_RETRY_MS, nextRetryDelay, oneLine } from "./retry-policy";

const MINUTE = 60_000;
const createdAt = new Date("2026-01-01T00:00:00Z");

describe("the retry policy", () => {
  it("doubles the delay per attempt from one minute and caps it at an hour", () => {
    expect([1, 2, 3, 4, 7, 8, 30].map((n) => nextRetryDelay(n))).toEqual([MINUTE, 2 * MINUTE, 4 * MINUTE, 8 * MINUTE, MAX_RETRY_MS, MAX_RETRY_MS, MAX_RETRY_MS]);
    expect(nextRetryDelay(0)).toBe(MINUTE);
  });

  it("treats a 5xx reply as final and any other reply or a network error as temporary", () => {
    expect(classifyFailure({ responseCode: 550, response: "550 5.1.1 no such user" })).toEqual({ permanent: true, reply: "550 5.1.1 no such user" });
    expect(classifyFailure({ responseCode: 451, response: "451 4.3.0 try later" })).toEqual({ permanent: false, reply: "451 4.3.0 try later" });
    expect(classifyFailure({ code: "ECONNREFUSED", message: "connect ECONNREFUSED" })).toEqual({ permanent: false, reply: "upstream unavailable: ECONNREFUSED" });
    expect(classifyFailure(new Error("socket hang up"))).toEqual({ permanent: false, reply: "upstream unavailable: socket hang up" });
  });

  it("bounces a permanent failure at once", () => {
    expect(afterFailure({ responseCode: 554, response: "554 rejected" }, { attempts: 1, createdAt, at: createdAt, maxQueueAgeMs: 86_400_000 })).toEqual({ status: "bounced", reply: "554 rejected", nextAttemptAt: null });
  });

  it("defers a temporary failure to the next backoff step", () => {
    const at = new Date(createdAt.getTime() + 10 * MINUTE);
    expect(afterFailure({ responseCode: 421, response: "421 busy" }, { attempts: 3, createdAt, at, maxQueueAgeMs: 86_400_000 })).toEqual({
      status: "deferred",
      reply: "421 busy",
      nextAttemptAt: new Date(at.getTime() + 4 * MINUTE),
    });
  });

  it("gives up when the next try would come after the maximum queue age", () => {
    const at = new Date(createdAt.getTime() + 50 * MINUTE);
    const decision = afterFailure({ code: "ETIMEDOUT" }, { attempts: 6, createdAt, at, maxQueueAgeMs: 60 * MINUTE });
    expect(decision).toEqual({ status: "bounced", reply: "gave up after 6 attempts: upstream unavailable: ETIMEDOUT", nextAttemptAt: null });
  });

  it("keeps replies to one bounded line", () => {
    expect(oneLine("550-first\r\n550 second  ")).toBe("550-first 550 second");
    expect(oneLine("x".repeat(600))).toHaveLength(500);
  });
});
