import { describe, expect, it } from "vitest";
import { barsPath } from "./bar-paths";

describe("bars drawn as one path", () => {
  it("draws each bar as a closed rectangle from its top-left corner, to a hundredth of a pixel", () => {
    expect(barsPath([{ x: 36, y: 10.123, width: 3.3333, height: 140.5 }])).toBe("M36 10.12h3.33v140.5h-3.33z");
  });

  it("joins several bars into one path and leaves out the empty ones", () => {
    expect(
      barsPath([
        { x: 0, y: 5, width: 2, height: 3 },
        { x: 4, y: 8, width: 2, height: 0 },
        { x: 8, y: 1, width: 2, height: 7 },
      ]),
    ).toBe("M0 5h2v3h-2zM8 1h2v7h-2z");
  });
});
