import { describe, expect, it } from "vitest";
import { NO_POLICIES } from "./access-policy";
import { newRowId } from "../lib/row-id";
import { applyRateLimits, precheckBatch, type CommitAccount, type PreparedMessage } from "./batch";
import { effectiveLimits, planReservation, rateLimitedReply, SEND_WINDOWS, sendCounterKeys } from "./send-limits";

const [minute, hour, day] = SEND_WINDOWS as [(typeof SEND_WINDOWS)[number], (typeof SEND_WINDOWS)[number], (typeof SEND_WINDOWS)[number]];
const at = new Date("2026-03-01T10:00:30Z");

describe("send limits", () => {
  it("takes the account's override, else the workspace default", () => {
    expect(effectiveLimits({ sendLimitPerMinute: 5, sendLimitPerHour: null, sendLimitPerDay: null }, { sendLimitPerMinute: 120, sendLimitPerHour: 3000, sendLimitPerDay: 20000 })).toEqual({
      minute: 5,
      hour: 3000,
      day: 20000,
    });
  });

  it("keys fixed windows per account", () => {
    const keys = sendCounterKeys("acc1", at);
    expect(keys.map((k) => [k.key, k.windowStart.toISOString(), k.expiresAt.toISOString()])).toEqual([
      ["smtp-send:acc1:minute", "2026-03-01T10:00:00.000Z", "2026-03-01T10:01:00.000Z"],
      ["smtp-send:acc1:hour", "2026-03-01T10:00:00.000Z", "2026-03-01T11:00:00.000Z"],
      ["smtp-send:acc1:day", "2026-03-01T00:00:00.000Z", "2026-03-02T00:00:00.000Z"],
    ]);
  });

  it("allows what fits the tightest window and names it", () => {
    const e = new Date(0);
    expect(planReservation(4, [{ window: minute, total: 4, limit: 10, expiresAt: e }])).toEqual({ allowed: 4, refusedBy: null });
    const plan = planReservation(4, [
      { window: minute, total: 12, limit: 10, expiresAt: e },
      { window: hour, total: 100, limit: 97, expiresAt: e },
      { window: day, total: 4, limit: 1000, expiresAt: e },
    ]);
    expect(plan.allowed).toBe(1);
    expect(plan.refusedBy?.window.name).toBe("hour");
    expect(planReservation(3, [{ window: minute, total: 20, limit: 10, expiresAt: e }]).allowed).toBe(0);
  });

  it("words the 451 4.7.1 reply", () => {
    expect(rateLimitedReply(120, minute, new Date("2026-03-01T10:01:00Z"), at)).toEqual({
      code: 451,
      text: "4.7.1 Sending rate limit reached: this account may send 120 messages per minute; try again in 30 seconds",
    });
  });
});

describe("a batch inside its transaction", () => {
  const account: CommitAccount = {
    id: "a1",
    status: "active",
    passwordVersion: 2,
    workspaceId: "w1",
    fromAddress: null,
    domain: { name: "acme.test", status: "verified", workspaceId: "w1" },
    ...NO_POLICIES,
    limits: { minute: 2, hour: 100, day: 1000 },
  };
  const message = (over: Partial<PreparedMessage>): PreparedMessage =>
    ({ id: newRowId(), accountId: "a1", passwordVersion: 2, fromAddresses: ["x@acme.test"], ...over }) as PreparedMessage;

  it("refuses a replaced password version, a foreign From, and what exceeds the rate; accepts the rest", () => {
    const batch = [message({ passwordVersion: 1 }), message({}), message({ fromAddresses: ["x@globex.test"] }), message({}), message({})];
    const accounts = new Map([["a1", account]]);
    const { outcomes, eligible } = precheckBatch(batch, accounts);
    expect(eligible.get("a1")).toEqual([1, 3, 4]);
    const counters = new Map<string, number>();
    const result = applyRateLimits(
      eligible,
      accounts,
      outcomes,
      at,
      (k, n) => {
        counters.set(k.key, (counters.get(k.key) ?? 0) + n);
        return counters.get(k.key)!;
      },
      (k, n) => void counters.set(k.key, counters.get(k.key)! - n),
    );
    expect(result.map((r) => (r.ok ? 250 : r.reply.code))).toEqual([535, 250, 553, 250, 451]);
    expect(counters.get("smtp-send:a1:minute")).toBe(2);
    expect(counters.get("smtp-send:a1:hour")).toBe(2);
  });

  it("makes unique row ids", () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newRowId()));
    expect(ids.size).toBe(10_000);
  });
});
