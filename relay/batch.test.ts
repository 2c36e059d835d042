import { describe, expect, it } from "vitest";
import { NO_POLICIES } from "./access-policy";
import { applyRateLimitsAsync, type CommitAccount, type Reservation } from "./batch";

const at = new Date("2026-03-01T10:00:30Z");

function account(id: string, minute: number): CommitAccount {
  return { id, status: "active", passwordVersion: 1, workspaceId: "ws", fromAddress: null, domain: null, ...NO_POLICIES, limits: { minute, hour: 1000, day: 1000 } };
}

describe("batched rate reservations", () => {
  it("reserves every counter of a batch in one call, in key order, so relays lock counters alike", async () => {
    const calls: Reservation[][] = [];
    const accounts = new Map([
      ["b", account("b", 100)],
      ["a", account("a", 100)],
    ]);
    const outcomes = await applyRateLimitsAsync(
      new Map([
        ["b", [0, 1]],
        ["a", [2]],
      ]),
      accounts,
      [null, null, null],
      at,
      (reservations) => {
        calls.push([...reservations]);
        return Promise.resolve(reservations.map((r) => r.wanted));
      },
      () => Promise.resolve(),
    );
    expect(outcomes).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.map((r) => [r.key.key, r.wanted])).toEqual([
      ["smtp-send:a:day", 1],
      ["smtp-send:a:hour", 1],
      ["smtp-send:a:minute", 1],
      ["smtp-send:b:day", 2],
      ["smtp-send:b:hour", 2],
      ["smtp-send:b:minute", 2],
    ]);
  });

  it("refuses past the limit from the totals the store answers and gives the excess back", async () => {
    const refunds: [string, number][] = [];
    const outcomes = await applyRateLimitsAsync(
      new Map([["a", [0, 1, 2]]]),
      new Map([["a", account("a", 10)]]),
      [null, null, null],
      at,
      // Another relay already counted 9 this minute.
      (reservations) => Promise.resolve(reservations.map((r) => (r.key.window.name === "minute" ? 9 + r.wanted : r.wanted))),
      (key, count) => {
        refunds.push([key.key, count]);
        return Promise.resolve();
      },
    );
    expect(outcomes.map((o) => (o.ok ? 250 : o.reply.code))).toEqual([250, 451, 451]);
    expect(refunds).toEqual([
      ["smtp-send:a:minute", 2],
      ["smtp-send:a:hour", 2],
      ["smtp-send:a:day", 2],
    ]);
  });

  it("asks nothing of the store when no message is eligible", async () => {
    let asked = false;
    const outcomes = await applyRateLimitsAsync(new Map(), new Map(), [{ ok: false, reply: { code: 535, text: "x" } }], at, () => ((asked = true), Promise.resolve([])), () => Promise.resolve());
    expect(asked).toBe(false);
    expect(outcomes).toEqual([{ ok: false, reply: { code: 535, text: "x" } }]);
  });
});
