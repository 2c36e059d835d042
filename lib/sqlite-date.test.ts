import { describe, expect, it } from "vitest";
import { utcDate } from "./sqlite-date";

describe("timestamps raw SQL reads as text", () => {
  const instant = new Date("2026-11-28T12:00:00.000Z");
  it("reads SQLite's ISO text and PostgreSQL's zone-less text as the same UTC instant", () => {
    expect(utcDate("2026-11-28T12:00:00.000+00:00")).toEqual(instant);
    expect(utcDate("2026-11-28 12:00:00")).toEqual(instant);
    expect(utcDate("2026-11-28 12:00:00.000")).toEqual(instant);
    expect(utcDate(String(instant.getTime()))).toEqual(instant);
  });
});
