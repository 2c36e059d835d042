import { describe, expect, it } from "vitest";
import { rankAccounts, rankedCounts } from "./top-accounts";

/** The ranking by definition: every account's closed + live count, sorted, the first `limit` with any mail. */
function reference(closed: Map<string, number>, live: Map<string, number>, limit: number) {
  const totals = new Map(closed);
  for (const [a, n] of live) totals.set(a, (totals.get(a) ?? 0) + n);
  return [...totals]
    .map(([account, n]) => ({ account, n }))
    .filter((r) => r.n > 0)
    .sort((x, y) => y.n - x.n || (x.account < y.account ? -1 : 1))
    .slice(0, limit);
}

describe("rankAccounts", () => {
  it("ranks closed plus live counts as a full sort would, ties by account id, for random workspaces", () => {
    // A seeded generator (mulberry32), so a failure repeats.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    for (let round = 0; round < 300; round++) {
      const closed = new Map<string, number>();
      const live = new Map<string, number>();
      const accounts = 1 + random(40);
      // Few distinct counts, so ties are common; some accounts only live, some only closed, some at zero or below.
      for (let i = 0; i < accounts; i++) {
        const id = `acct_${String(random(60)).padStart(2, "0")}`;
        if (random(3)) closed.set(id, random(6) - 1);
        if (random(2)) live.set(id, random(4));
      }
      const limit = 1 + random(8);
      expect(rankAccounts(rankedCounts(closed), live, limit)).toEqual(reference(closed, live, limit));
    }
  });

  it("leaves out accounts whose count is zero or less", () => {
    expect(rankAccounts(rankedCounts(new Map([["a", 0], ["b", -1]])), new Map([["c", 0]]), 5)).toEqual([]);
  });
});
