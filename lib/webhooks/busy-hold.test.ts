import { describe, expect, it } from "vitest";
import { createBusyHold } from "./busy-hold";

describe("holding webhook events while the relay is busy", () => {
  it("never holds while the relay is idle", () => {
    const hold = createBusyHold(30_000, () => false);
    expect([0, 1000, 60_000].map((t) => hold.holding(t))).toEqual([false, false, false]);
  });

  it("holds while busy, for at most the longest hold, then catches up until a pass reads less than a page", () => {
    const hold = createBusyHold(30_000, () => true);
    expect(hold.holding(0)).toBe(true);
    expect(hold.holding(29_999)).toBe(true);
    expect(hold.holding(30_000)).toBe(false);
    hold.passed(true);
    expect(hold.holding(30_250)).toBe(false);
    hold.passed(false);
    // Caught up and still busy: a new hold starts from now.
    expect(hold.holding(31_000)).toBe(true);
    expect(hold.holding(60_999)).toBe(true);
    expect(hold.holding(61_000)).toBe(false);
  });

  /** Held from 0; at 20 s one idle pass reads a full page (`more`) or everything; then busy again. */
  const afterIdlePass = (more: boolean) => {
    let busy = true;
    const hold = createBusyHold(30_000, () => busy);
    expect(hold.holding(0)).toBe(true);
    busy = false;
    expect(hold.holding(20_000)).toBe(false);
    hold.passed(more);
    busy = true;
    return hold;
  };

  it("keeps the hold's clock through a moment of idleness that let only one page through", () => {
    const hold = afterIdlePass(true);
    expect(hold.holding(20_250)).toBe(true);
    expect(hold.holding(30_000)).toBe(false);
  });

  it("starts the longest hold afresh once an idle pass has read everything", () => {
    const hold = afterIdlePass(false);
    expect(hold.holding(25_000)).toBe(true);
    expect(hold.holding(54_999)).toBe(true);
    expect(hold.holding(55_000)).toBe(false);
  });

  it("never holds when the longest hold is 0", () => {
    const hold = createBusyHold(0, () => true);
    expect(hold.holding(0)).toBe(false);
  });
});
