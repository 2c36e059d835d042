// Made-up rows for the warm-up's table page (app/warm-up/page.tsx): the shapes the SMTP Accounts
// and Delivery Logs tables render, so the rendering code of a full table runs before the first
// visitor, without reading anyone's data.
import type { AccountSends } from "../charts/account-sends";
import type { CountBucket, LoginsByIp } from "../charts/login-activity";
import { type MessageVolume, VOLUME_KINDS, type VolumeKind } from "../charts/message-volume";
import { bucketStarts, type ChartWindow } from "../charts/range";
import type { MessageRow } from "../delivery-logs/list-messages";
import type { AccountRow } from "../smtp-accounts/list-accounts";

const HOUR = 3600_000;

export function sampleAccountRows(count: number, now: Date): AccountRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `warm-up-account-${i}`,
    label: `Warm-up account ${i}`,
    username: `smtpuser_warmup${String(i).padStart(4, "0")}`,
    fromEmail: { value: `sender${i}@warm-up.invalid`, help: i % 3 === 0 ? "any address at warm-up.invalid" : null },
    status: i % 7 === 0 ? "disabled" : "active",
    createdAt: new Date(now.getTime() - i * HOUR),
    lastUsedAt: i % 4 === 0 ? null : new Date(now.getTime() - i * HOUR),
    usage: i % 4 === 0 ? "Never used" : "Active",
    lastTest: i % 2 === 0 ? { ok: i % 4 === 0, at: new Date(now.getTime() - i * HOUR).toISOString(), by: "Warm-up", step: i % 4 === 0 ? null : "auth" } : null,
    expiry: i % 5 === 0 ? { at: new Date(now.getTime() + i * HOUR).toISOString(), expired: false, daysAhead: 14 } : null,
  }));
}

export function sampleSends(accounts: AccountRow[]): Map<string, AccountSends> {
  return new Map(accounts.map((a, i) => [a.id, { total: i * 24, hourly: Array.from({ length: 24 }, (_, h) => (i * h) % 17) }]));
}

export function sampleMessageRows(count: number, now: Date): MessageRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `warm-up-message-${i}`,
    createdAt: new Date(now.getTime() - i * 60_000),
    accountId: `warm-up-account-${i % 10}`,
    account: i % 9 === 0 ? null : { label: `Warm-up account ${i % 10}`, username: `smtpuser_warmup${i % 10}` },
    clientIp: `192.0.2.${i % 250}`,
    envelopeFrom: `sender${i}@warm-up.invalid`,
    firstRecipient: `rcpt${i}@example.invalid`,
    recipientCount: 1 + (i % 3),
    subject: `Warm-up message ${i}`,
    sizeBytes: 1024 + i * 37,
    status: ["delivered", "deferred", "bounced", "queued"][i % 4]!,
    lastReply: i % 4 === 0 ? "250 2.0.0 OK" : null,
    passwordVersion: 1,
    tlsProtocol: "TLSv1.3",
  }));
}

/** Hourly counts of every kind over the window, none of them zero everywhere. */
export function sampleVolume(window: ChartWindow): MessageVolume {
  const buckets = bucketStarts(window).map((t, i) => ({ start: new Date(t), ...(Object.fromEntries(VOLUME_KINDS.map((k, j) => [k, (i * (j + 3)) % 23])) as Record<VolumeKind, number>) }));
  const totals = Object.fromEntries(VOLUME_KINDS.map((k) => [k, buckets.reduce((sum, b) => sum + b[k], 0)])) as Record<VolumeKind, number>;
  return { buckets, totals, total: Object.values(totals).reduce((a, b) => a + b, 0) };
}

export function sampleCounts(window: ChartWindow): CountBucket[] {
  return bucketStarts(window).map((t, i) => ({ start: new Date(t), count: (i * 7) % 11 }));
}

export function sampleLoginsByIp(window: ChartWindow): LoginsByIp {
  const starts = bucketStarts(window).map((t) => new Date(t));
  const series = Array.from({ length: 4 }, (_, s) => ({ ip: `192.0.2.${s + 1}`, isNew: s === 3, total: 0, counts: starts.map((_, i) => (i * (s + 2)) % 9) }));
  for (const s of series) s.total = s.counts.reduce((a, b) => a + b, 0);
  return { starts, series };
}
