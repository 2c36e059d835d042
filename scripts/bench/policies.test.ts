import { describe, expect, it } from "vitest";
import { median } from "./measure";
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

  it("takes the middle of an even number of pairs, not the higher of the two", () => {
    const plain = row("SQLite", [0.5, 0.5, 0.5, 0.5]);
    const alerting = row("SQLite+alerting", [0.5, 0.49, 0.46, 0.45]);
    const [point] = variantDrop([plain, alerting], "SQLite", "SQLite+alerting");
    expect(point!.pairDropsPercent).toEqual([1, 9]);
    expect(point!.dropPercent).toBe(5);
  });
});

describe("the benchmark's median", () => {
  it("is the middle value of an odd count and the mean of the middle two of an even one", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
