// Planned rotation's grace window: how long the previous password may stay valid, parsed once
// for the form and the server (1 hour to 30 days), and what each change writes to the
// previous* columns. The relay reads the same columns (relay/credential-window.ts).
import { z } from "zod";

export const GRACE_MIN_SECONDS = 3600;
export const GRACE_MAX_SECONDS = 30 * 86_400;

/** The dialog's choices; "custom" takes a value within the same bounds. */
export const GRACE_PRESETS = [
  { label: "1 hour", seconds: 3600 },
  { label: "24 hours", seconds: 86_400 },
  { label: "7 days", seconds: 7 * 86_400 },
  { label: "30 days", seconds: 30 * 86_400 },
] as const;

export const ZGraceSeconds = z
  .number({ error: "Choose how long the old password keeps working" })
  .int("Give the grace window in whole seconds")
  .min(GRACE_MIN_SECONDS, "The grace window is at least 1 hour; for a leaked password use Reset Password, which ends the old one at once")
  .max(GRACE_MAX_SECONDS, "The grace window is at most 30 days");

/** The grace window's end for a rotation made at `now`. */
export function graceDeadline(now: Date, graceSeconds: number): Date {
  return new Date(now.getTime() + ZGraceSeconds.parse(graceSeconds) * 1000);
}

/** What ends a grace window at once (End grace now, Reset Password): the previous password is gone. */
export const NO_PREVIOUS_PASSWORD = {
  previousPasswordCiphertext: null,
  previousPasswordVerifier: null,
  previousPasswordVersion: null,
  graceEndsAt: null,
} as const;

/** Is the account in a grace window at `now`? (A past deadline counts as none.) */
export function inGrace(account: { graceEndsAt: Date | null; previousPasswordVerifier: string | null }, now = new Date()): boolean {
  return account.graceEndsAt !== null && account.previousPasswordVerifier !== null && account.graceEndsAt.getTime() > now.getTime();
}
