import { describe, expect, it } from "vitest";
import { variantDrop } from "./policies";

const row = (database: string, roundRatios: number[]) => ({ database, conns: 1, ratio: [...roundRatios].sort()[1]!, roundRatios });

describe("the benchmark's drop of one variant against another", () => {
  it("cancels the order of the rounds: a variant that only loses when it runs second shows no drop", () => {
    // Rounds alternate plain-first, policies-first: whichever runs second is 20 % slower.
    const plain = row("SQLite", [0.5, 0.4, 0.5, 0.4]);
    const policies = row("SQLite+policies", [0.4, 0.5, 0.4, 0.5]);
    const [point] = variantDrop([plain, policies], "SQLite", "SQLite+policies");
    expect(point!.roundDropsPercent).toEqual([20, -25, 20, -25]);
    expect(point!.dropPercent).toBe(-2.5);
  });

  it("still sees a real cost in both orders", () => {
    const plain = row("SQLite", [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    const policies = row("SQLite+policies", [0.45, 0.45, 0.46, 0.44, 0.45, 0.45]);
    const [point] = variantDrop([plain, policies], "SQLite", "SQLite+policies");
    expect(point!.pairDropsPercent).toEqual([10, 10, 10]);
    expect(point!.dropPercent).toBe(10);
  });
});
