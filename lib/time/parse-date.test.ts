import { describe, expect, it } from "vitest";
import { parseDate } from "./parse-date";

describe("a date typed or sent", () => {
  it("is the instant it names", () => {
    expect(parseDate("2026-02-28")?.toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(parseDate("2028-02-29T10:00:00Z")?.toISOString()).toBe("2028-02-29T10:00:00.000Z");
    expect(parseDate("2026-12-31T23:00:00-05:00")?.toISOString()).toBe("2027-01-01T04:00:00.000Z");
  });

  it("is none for a day its month lacks, or for what is not a date", () => {
    for (const text of ["2026-02-30", "2026-02-29T00:00:00Z", "2026-04-31", "2026-13-01", "2026-00-10", "soon", ""]) expect(parseDate(text), text).toBeNull();
  });
});
