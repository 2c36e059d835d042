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

  it("is none for what is not ISO 8601, which new Date reads loosely (feb 30 as 2 March, US day order, a bare year)", () => {
    for (const text of ["feb 30 2027", "2/3/2027", "2027", "March 1, 2027", "2027-3-1", "Tue, 02 Mar 2027 00:00:00 GMT"]) expect(parseDate(text), text).toBeNull();
    expect(parseDate("2027-03-01T09:30")).not.toBeNull();
    expect(parseDate("2027-03-01 09:30:15.5+02:00")?.toISOString()).toBe("2027-03-01T07:30:15.500Z");
  });
});
