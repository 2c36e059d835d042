import { describe, expect, it } from "vitest";
import { turningPoints } from "./turning-points";

describe("turningPoints", () => {
  it("keeps the ends and both ends of every run, so the line is drawn the same", () => {
    expect(turningPoints([0, 0, 0, 0, 3, 0, 0, 0, 2, 2, 2])).toEqual([
      [0, 0],
      [3, 0],
      [4, 3],
      [5, 0],
      [7, 0],
      [8, 2],
      [10, 2],
    ]);
  });

  it("keeps every point of a series that changes at each step, and copes with none or one", () => {
    expect(turningPoints([1, 2, 1])).toEqual([
      [0, 1],
      [1, 2],
      [2, 1],
    ]);
    expect(turningPoints([])).toEqual([]);
    expect(turningPoints([4])).toEqual([[0, 4]]);
  });
});
