// Password expiry: an account's own expiry date and its workspace's maximum password lifetime,
// whichever comes first. Warnings go out 14, 3 and 0 days ahead, each once (expiryWarnedDays).
import { z } from "zod";
import { parseDate } from "../time/parse-date";

const DAY_MS = 24 * 3600 * 1000;
export const EXPIRY_WARNING_DAYS = [14, 3, 0] as const;
export type ExpiryWarningDays = (typeof EXPIRY_WARNING_DAYS)[number];

/** Longest maximum lifetime a workspace may set (ten years), and the shortest (one day). */
export const MAX_LIFETIME_DAYS = 3650;
/** An expiry date is at most this far ahead. */
export const MAX_EXPIRY_YEARS = 10;

export type ExpiryInputs = { expiresAt: Date | null; passwordChangedAt: Date; maxPasswordLifetimeDays: number | null };

/** When AUTH starts refusing the password as expired, or null for never. */
export function effectiveExpiry({ expiresAt, passwordChangedAt, maxPasswordLifetimeDays }: ExpiryInputs): Date | null {
  const byLifetime = maxPasswordLifetimeDays !== null ? new Date(passwordChangedAt.getTime() + maxPasswordLifetimeDays * DAY_MS) : null;
  if (!expiresAt) return byLifetime;
  if (!byLifetime) return expiresAt;
  return expiresAt.getTime() <= byLifetime.getTime() ? expiresAt : byLifetime;
}

export function isExpired(inputs: ExpiryInputs, now: Date): boolean {
  const at = effectiveExpiry(inputs);
  return at !== null && now.getTime() >= at.getTime();
}

/** Which warning is due at `now` (14, 3 or 0 days ahead, the last one on or after the day), or null. */
export function dueWarning(expiry: Date | null, now: Date): ExpiryWarningDays | null {
  if (!expiry) return null;
  const left = expiry.getTime() - now.getTime();
  if (left <= DAY_MS) return 0;
  if (left <= 3 * DAY_MS) return 3;
  if (left <= 14 * DAY_MS) return 14;
  return null;
}

/** Days left, rounded up (0 on the day and after). */
export function daysLeft(expiry: Date, now: Date): number {
  return Math.max(0, Math.ceil((expiry.getTime() - now.getTime()) / DAY_MS));
}

/** An expiry date from a form: empty clears it; otherwise a future instant at most ten years ahead. */
export function ZExpiresAt(now: () => Date = () => new Date()) {
  return z
    .string()
    .trim()
    .max(40)
    .transform((text, ctx) => {
      if (text === "") return null;
      const date = parseDate(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00.000Z` : text);
      if (!date) {
        ctx.addIssue({ code: "custom", message: "Enter a date like 2027-01-31, or leave it empty for no expiry" });
        return z.NEVER;
      }
      const current = now();
      if (date.getTime() <= current.getTime()) {
        ctx.addIssue({ code: "custom", message: "Choose a date in the future; to stop the account now, disable it instead" });
        return z.NEVER;
      }
      if (date.getTime() > current.getTime() + MAX_EXPIRY_YEARS * 365 * DAY_MS) {
        ctx.addIssue({ code: "custom", message: `Choose a date within ${MAX_EXPIRY_YEARS} years, or leave it empty for no expiry` });
        return z.NEVER;
      }
      return date;
    });
}

/** A workspace's maximum password lifetime from a form: empty for none, else whole days 1–3650. */
export const ZMaxLifetimeDays = z
  .string()
  .trim()
  .max(10)
  .transform((text, ctx) => {
    if (text === "") return null;
    const days = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(days) || days < 1 || days > MAX_LIFETIME_DAYS) {
      ctx.addIssue({ code: "custom", message: `Enter whole days from 1 to ${MAX_LIFETIME_DAYS}, or leave it empty for no maximum` });
      return z.NEVER;
    }
    return days;
  });
