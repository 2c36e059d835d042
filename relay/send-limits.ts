// Per-account send rate limits (per minute, hour and day) as plain functions. The counts live in
// RateCounter rows (one fixed window per key) so every relay instance sharing the database
// agrees; the stores reserve a whole batch's worth in the same transaction that stores the
// messages, and give back what the limit did not allow.
import type { SmtpReply } from "./replies";

export type SendWindow = { name: "minute" | "hour" | "day"; seconds: number };

export const SEND_WINDOWS: readonly SendWindow[] = [
  { name: "minute", seconds: 60 },
  { name: "hour", seconds: 3600 },
  { name: "day", seconds: 86_400 },
];

export type SendLimits = { minute: number; hour: number; day: number };

/** The account's own limit where it has one, else its workspace's default. */
export function effectiveLimits(
  account: { sendLimitPerMinute: number | null; sendLimitPerHour: number | null; sendLimitPerDay: number | null },
  workspace: { sendLimitPerMinute: number; sendLimitPerHour: number; sendLimitPerDay: number },
): SendLimits {
  return {
    minute: account.sendLimitPerMinute ?? workspace.sendLimitPerMinute,
    hour: account.sendLimitPerHour ?? workspace.sendLimitPerHour,
    day: account.sendLimitPerDay ?? workspace.sendLimitPerDay,
  };
}

export type WindowKey = { window: SendWindow; key: string; windowStart: Date; expiresAt: Date };

/** The RateCounter rows that count an account's sends at `now`. */
export function sendCounterKeys(accountId: string, now: Date): WindowKey[] {
  return SEND_WINDOWS.map((window) => {
    const ms = window.seconds * 1000;
    const start = Math.floor(now.getTime() / ms) * ms;
    return { window, key: `smtp-send:${accountId}:${window.name}`, windowStart: new Date(start), expiresAt: new Date(start + ms) };
  });
}

/**
 * After `wanted` sends were added to each window's counter (the totals the upsert returned),
 * how many of them fit every limit, and — when not all — the window that refused the rest.
 */
export function planReservation(
  wanted: number,
  totals: readonly { window: SendWindow; total: number; limit: number; expiresAt: Date }[],
): { allowed: number; refusedBy: { window: SendWindow; limit: number; expiresAt: Date } | null } {
  let allowed = wanted;
  let refusedBy: { window: SendWindow; limit: number; expiresAt: Date } | null = null;
  for (const t of totals) {
    const before = t.total - wanted;
    const fits = Math.max(0, Math.min(wanted, t.limit - before));
    if (fits < allowed) {
      allowed = fits;
      refusedBy = { window: t.window, limit: t.limit, expiresAt: t.expiresAt };
    }
  }
  return { allowed, refusedBy };
}

/** 451 4.7.1 naming the limit and when the window resets. */
export function rateLimitedReply(limit: number, window: SendWindow, expiresAt: Date, now: Date): SmtpReply {
  const seconds = Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000));
  const wait = seconds < 120 ? `${seconds} seconds` : seconds < 7200 ? `${Math.ceil(seconds / 60)} minutes` : `${Math.ceil(seconds / 3600)} hours`;
  return {
    code: 451,
    text: `4.7.1 Sending rate limit reached: this account may send ${limit} messages per ${window.name}; try again in ${wait}`,
  };
}
