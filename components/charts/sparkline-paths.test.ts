import { describe, expect, it } from "vitest";
import { SPARKLINE_HEIGHT } from "./sparkline";
import { sparklinePaths } from "./sparkline-paths";

describe("sparklinePaths", () => {
  it("draws the area as the line closed down to the baseline and back to its start", () => {
    const { line, area } = sparklinePaths([0, 3, 0, 0, 6, 0]);
    expect(line.startsWith("M1,17")).toBe(true);
    expect(line.endsWith("L63,17")).toBe(true);
    expect(area).toBe(`${line}V${SPARKLINE_HEIGHT - 1}H1Z`);
  });

  it("puts the busiest hour at the top and an idle hour on the baseline", () => {
    const { line } = sparklinePaths([0, 5, 10]);
    expect(line).toBe("M1,17L32,9L63,1");
  });

  it("draws nothing for an account with no hours", () => {
    expect(sparklinePaths([])).toEqual({ line: "", area: "" });
  });
});
