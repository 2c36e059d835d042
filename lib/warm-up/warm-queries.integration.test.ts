// The start-up warm-up's reads run on both databases, for a workspace that does not exist.
import { expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { warmQueries } from "./warm-queries";

describeEachDatabase("the portal's start-up queries", (current) => {
  it("run every read without an error", async () => {
    expect(await warmQueries(current().db)).toBe(0);
  });
});
