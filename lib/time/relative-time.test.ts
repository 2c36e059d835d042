import { describe, expect, it } from "vitest";
import { initialsOf, relativeTime, utcTitle } from "./relative-time";

const now = new Date("2026-03-10T12:00:00Z");

describe("relative times", () => {
  it("says just now under a minute, then minutes, hours and days ago", () => {
    expect(relativeTime(new Date("2026-03-10T11:59:30Z"), now)).toBe("just now");
    expect(relativeTime(new Date("2026-03-10T11:57:00Z"), now)).toBe("3 min. ago");
    expect(relativeTime(new Date("2026-03-10T09:00:00Z"), now)).toBe("3 hr. ago");
    expect(relativeTime(new Date("2026-03-08T12:00:00Z"), now)).toBe("2 days ago");
  });

  it("gives the exact UTC time for the title", () => {
    expect(utcTitle(new Date("2026-03-10T11:57:09.123Z"))).toBe("2026-03-10 11:57:09 UTC");
  });
});

describe("initials", () => {
  it("takes two words of the name, or of the email's local part, or a single word's first two letters", () => {
    expect(initialsOf("Ada Lovelace", "x@y")).toBe("AL");
    expect(initialsOf(null, "grace.hopper@acme.test")).toBe("GH");
    expect(initialsOf(null, "admin@acme.test")).toBe("AD");
    expect(initialsOf(null, null)).toBe("?");
  });
});
