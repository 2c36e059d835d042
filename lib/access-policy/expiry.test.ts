import { describe, expect, it } from "vitest";
import { dueWarning, effectiveExpiry, isExpired, ZExpiresAt, ZMaxLifetimeDays } from "./expiry";

const DAY = 24 * 3600 * 1000;
const now = new Date("2026-06-01T12:00:00Z");

describe("effective expiry", () => {
  const changed = new Date("2026-05-01T12:00:00Z");
  it("is the earlier of the account's own date and the workspace's maximum lifetime", () => {
    expect(effectiveExpiry({ expiresAt: new Date("2026-07-01T00:00:00Z"), passwordChangedAt: changed, maxPasswordLifetimeDays: 40 })).toEqual(new Date("2026-06-10T12:00:00Z"));
    expect(effectiveExpiry({ expiresAt: new Date("2026-06-05T00:00:00Z"), passwordChangedAt: changed, maxPasswordLifetimeDays: 40 })).toEqual(new Date("2026-06-05T00:00:00Z"));
  });
  it("is null with neither", () => {
    expect(effectiveExpiry({ expiresAt: null, passwordChangedAt: changed, maxPasswordLifetimeDays: null })).toBeNull();
  });
  it("counts as expired from the instant itself", () => {
    expect(isExpired({ expiresAt: now, passwordChangedAt: changed, maxPasswordLifetimeDays: null }, now)).toBe(true);
    expect(isExpired({ expiresAt: new Date(now.getTime() + 1), passwordChangedAt: changed, maxPasswordLifetimeDays: null }, now)).toBe(false);
  });
});

describe("expiry warnings", () => {
  it.each([
    [20 * DAY, null],
    [14 * DAY, 14],
    [4 * DAY, 14],
    [3 * DAY, 3],
    [DAY + 1, 3],
    [DAY, 0],
    [-5 * DAY, 0],
  ])("%d ms ahead → the %s-day warning", (ahead, warning) => {
    expect(dueWarning(new Date(now.getTime() + ahead), now)).toBe(warning);
  });
});

describe("expiry and lifetime inputs", () => {
  const expires = ZExpiresAt(() => now);
  it("reads a date as midnight UTC, and empty as no expiry", () => {
    expect(expires.parse("2026-07-01")).toEqual(new Date("2026-07-01T00:00:00Z"));
    expect(expires.parse("")).toBeNull();
  });
  it("refuses a past date, one over ten years ahead, and garbage, saying what to do", () => {
    expect(expires.safeParse("2026-05-01").error?.issues[0]?.message).toBe("Choose a date in the future; to stop the account now, disable it instead");
    expect(expires.safeParse("2040-01-01").error?.issues[0]?.message).toContain("within 10 years");
    expect(expires.safeParse("soon").error?.issues[0]?.message).toContain("Enter a date like 2027-01-31");
    // A day the month lacks, which `new Date` would read as 2 March.
    expect(expires.safeParse("2027-02-30").error?.issues[0]?.message).toContain("Enter a date like 2027-01-31");
  });
  it("takes whole days from 1 to 3650 for the maximum lifetime", () => {
    expect(ZMaxLifetimeDays.parse("90")).toBe(90);
    expect(ZMaxLifetimeDays.parse("")).toBeNull();
    for (const bad of ["0", "3651", "1.5", "-3", "ninety"]) expect(ZMaxLifetimeDays.safeParse(bad).success).toBe(false);
  });
});
