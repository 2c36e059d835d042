// Compromise review of one account over a window: what in the window looks wrong.
//  - client IPs and recipient domains this account never used before the window;
//  - hours whose volume is above the account's usual hourly volume (see hourlyThreshold);
//  - messages accepted with a password version already replaced at the time (the relay
//    re-reads the version at MAIL FROM, so this is expected to be zero — and shown as zero).
// Every query names the workspace; an account of another workspace is NOT_FOUND.
import type { Db } from "../db";
import type { Prisma } from "../generated/sqlite/client";
import { requireAccount } from "../tenancy/loaders";

export const DEFAULT_WINDOW_DAYS = 7;
/** How far back "before the window" looks for the usual volume. */
export const BASELINE_DAYS = 28;
/** Below this an hour is never "high volume" (a quiet account's first few sends are not an alarm). */
export const MIN_FLAGGED_HOURLY = 10;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Bounds on what a review reads (the page stays fast on a huge account). */
const MAX_DISTINCT = 500;
const MAX_WINDOW_ROWS = 200_000;

export type ReviewWindow = { from: Date; to: Date };

/** Default window: from 7 days before the last reset (or 7 days ago when never reset) to now. */
export function defaultReviewWindow(account: { passwordChangedAt: Date; createdAt: Date; passwordVersion: number }, now = new Date()): ReviewWindow {
  const reset = account.passwordVersion > 1 ? account.passwordChangedAt : null;
  const anchor = reset ?? now;
  return { from: new Date(anchor.getTime() - DEFAULT_WINDOW_DAYS * DAY), to: now };
}

/** Usual hourly volume: 3× the mean of the account's active hours before the window, at least MIN_FLAGGED_HOURLY. */
export function hourlyThreshold(baselineMessages: number, baselineActiveHours: number): number {
  const mean = baselineActiveHours > 0 ? baselineMessages / baselineActiveHours : 0;
  return Math.max(MIN_FLAGGED_HOURLY, Math.ceil(mean * 3));
}

/** Which password version was current at each time, from the account's reset history. */
export function versionTimeline(current: { passwordVersion: number; passwordChangedAt: Date }, resets: { at: Date; version: number }[]): { from: Date; version: number }[] {
  const known = [...resets].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (!known.some((r) => r.version === current.passwordVersion) && current.passwordVersion > 1) known.push({ at: current.passwordChangedAt, version: current.passwordVersion });
  return known.map((r) => ({ from: r.at, version: r.version }));
}

export type CompromiseReview = {
  account: { id: string; label: string; username: string; passwordVersion: number };
  window: ReviewWindow;
  messages: number;
  flagged: number;
  uniqueIps: number;
  uniqueRecipientDomains: number;
  newIps: string[];
  newRecipientDomains: string[];
  highVolumeHours: { hour: Date; count: number }[];
  hourlyThreshold: number;
  replacedVersionMessages: number;
  replacedVersionSample: string[];
  /** True when a bound was hit and the lists are partial. */
  truncated: boolean;
  /** The flagged messages as a `where` (for "flagged only" and the export); null when none can be. */
  flaggedWhere: Prisma.MessageWhereInput | null;
};

export async function reviewCompromise({ db, workspaceId, accountId, window }: { db: Db; workspaceId: string; accountId: string; window: ReviewWindow }): Promise<CompromiseReview> {
  const account = await requireAccount(db, workspaceId, accountId, { id: true, label: true, username: true, passwordVersion: true, passwordChangedAt: true });
  const { from, to } = window;
  const inWindow: Prisma.MessageWhereInput = { workspaceId, accountId, createdAt: { gte: from, lte: to } };
  let truncated = false;

  const [messages, ipGroups, domainGroups] = await Promise.all([
    db.message.count({ where: inWindow }),
    db.message.groupBy({ by: ["clientIp"], where: inWindow, orderBy: { clientIp: "asc" }, take: MAX_DISTINCT + 1 }),
    db.messageRecipient.groupBy({
      by: ["domain"],
      where: { workspaceId, createdAt: { gte: from, lte: to }, message: { workspaceId, accountId } },
      orderBy: { domain: "asc" },
      take: MAX_DISTINCT + 1,
    }),
  ]);
  if (ipGroups.length > MAX_DISTINCT || domainGroups.length > MAX_DISTINCT) truncated = true;
  const ips = ipGroups.slice(0, MAX_DISTINCT).map((g) => g.clientIp);
  const domains = domainGroups.slice(0, MAX_DISTINCT).map((g) => g.domain);

  const before = { workspaceId, accountId, createdAt: { lt: from } };
  const [seenIps, seenDomains] = await Promise.all([
    ips.length ? db.message.groupBy({ by: ["clientIp"], where: { ...before, clientIp: { in: ips } } }) : [],
    domains.length
      ? db.messageRecipient.groupBy({ by: ["domain"], where: { workspaceId, createdAt: { lt: from }, domain: { in: domains }, message: { workspaceId, accountId } } })
      : [],
  ]);
  const seenIp = new Set(seenIps.map((g) => g.clientIp));
  const seenDomain = new Set(seenDomains.map((g) => g.domain));
  const newIps = ips.filter((ip) => !seenIp.has(ip));
  const newRecipientDomains = domains.filter((d) => !seenDomain.has(d));

  // Hourly volumes: bucketed here from createdAt alone (portable across SQLite and PostgreSQL).
  const baselineFrom = new Date(from.getTime() - BASELINE_DAYS * DAY);
  const [windowTimes, baselineTimes] = await Promise.all([
    db.message.findMany({ where: inWindow, select: { createdAt: true }, take: MAX_WINDOW_ROWS }),
    db.message.findMany({ where: { workspaceId, accountId, createdAt: { gte: baselineFrom, lt: from } }, select: { createdAt: true }, take: MAX_WINDOW_ROWS }),
  ]);
  if (windowTimes.length >= MAX_WINDOW_ROWS) truncated = true;
  const bucket = (rows: { createdAt: Date }[]) => {
    const m = new Map<number, number>();
    for (const r of rows) {
      const h = Math.floor(r.createdAt.getTime() / HOUR) * HOUR;
      m.set(h, (m.get(h) ?? 0) + 1);
    }
    return m;
  };
  const baseline = bucket(baselineTimes);
  const threshold = hourlyThreshold(baselineTimes.length, baseline.size);
  const highVolumeHours = [...bucket(windowTimes)]
    .filter(([, n]) => n > threshold)
    .sort((a, b) => a[0] - b[0])
    .map(([h, count]) => ({ hour: new Date(h), count }));

  // Replaced password version: in each interval where version v was current, a message with a lower version.
  const resets = await db.auditEvent.findMany({
    where: { workspaceId, action: "credentials.reset", targetId: accountId },
    select: { createdAt: true, metadata: true },
    orderBy: { createdAt: "asc" },
    take: 1000,
  });
  const timeline = versionTimeline(
    account,
    resets.flatMap((r) => {
      const version = Number((JSON.parse(r.metadata ?? "{}") as { passwordVersion?: unknown }).passwordVersion);
      return Number.isInteger(version) ? [{ at: r.createdAt, version }] : [];
    }),
  );
  const replacedConditions: Prisma.MessageWhereInput[] = timeline.map((t, i) => ({
    createdAt: { gte: t.from, ...(timeline[i + 1] ? { lt: timeline[i + 1]!.from } : {}) },
    passwordVersion: { lt: t.version },
  }));
  const replacedWhere: Prisma.MessageWhereInput | null = replacedConditions.length ? { AND: [inWindow, { OR: replacedConditions }] } : null;
  const [replacedVersionMessages, replacedSample] = replacedWhere
    ? await Promise.all([db.message.count({ where: replacedWhere }), db.message.findMany({ where: replacedWhere, select: { id: true }, take: 20, orderBy: { createdAt: "desc" } })])
    : [0, []];

  const flaggedWhere = flaggedMessageWhere({ newIps, newRecipientDomains, highVolumeHours, replacedConditions, workspaceId });
  const flagged = flaggedWhere ? await db.message.count({ where: { AND: [inWindow, flaggedWhere] } }) : 0;

  return {
    account: { id: account.id, label: account.label, username: account.username, passwordVersion: account.passwordVersion },
    window,
    messages,
    flagged,
    uniqueIps: ips.length,
    uniqueRecipientDomains: domains.length,
    newIps,
    newRecipientDomains,
    highVolumeHours,
    hourlyThreshold: threshold,
    replacedVersionMessages,
    replacedVersionSample: replacedSample.map((m) => m.id),
    truncated,
    flaggedWhere,
  };
}

/** A message is flagged by any one reason; null when nothing can be flagged. */
export function flaggedMessageWhere(r: {
  workspaceId: string;
  newIps: string[];
  newRecipientDomains: string[];
  highVolumeHours: { hour: Date }[];
  replacedConditions?: Prisma.MessageWhereInput[];
}): Prisma.MessageWhereInput | null {
  const or: Prisma.MessageWhereInput[] = [];
  if (r.newIps.length) or.push({ clientIp: { in: r.newIps } });
  if (r.newRecipientDomains.length) or.push({ recipients: { some: { workspaceId: r.workspaceId, domain: { in: r.newRecipientDomains } } } });
  for (const h of r.highVolumeHours) or.push({ createdAt: { gte: h.hour, lt: new Date(h.hour.getTime() + HOUR) } });
  if (r.replacedConditions) or.push(...r.replacedConditions);
  return or.length ? { OR: or } : null;
}

/** Why one listed message is flagged (for the review's Flags column). */
export function flagsOf(
  row: { clientIp: string; createdAt: Date; domains: string[] },
  review: Pick<CompromiseReview, "newIps" | "newRecipientDomains" | "highVolumeHours" | "replacedVersionSample">,
  id: string,
): string[] {
  const flags: string[] = [];
  if (review.newIps.includes(row.clientIp)) flags.push("new IP");
  if (row.domains.some((d) => review.newRecipientDomains.includes(d))) flags.push("new recipient domain");
  const hour = Math.floor(row.createdAt.getTime() / HOUR) * HOUR;
  if (review.highVolumeHours.some((h) => h.hour.getTime() === hour)) flags.push("high-volume hour");
  if (review.replacedVersionSample.includes(id)) flags.push("replaced password");
  return flags;
}

/**
 * "Flagged only" for a review's export: the flagged messages of `accountId` over the window the
 * page shows (from `from`, or the default window, to `to` or now), as a `where` that matches
 * none when nothing can be flagged.
 */
export async function flaggedOnlyWhere(db: Db, { workspaceId, accountId, from, to, now = new Date() }: { workspaceId: string; accountId: string; from?: Date; to?: Date; now?: Date }): Promise<Prisma.MessageWhereInput> {
  const account = await requireAccount(db, workspaceId, accountId, { passwordChangedAt: true, createdAt: true, passwordVersion: true });
  const window = { from: from ?? defaultReviewWindow(account, now).from, to: to ?? now };
  const review = await reviewCompromise({ db, workspaceId, accountId, window });
  return review.flaggedWhere ? { AND: [{ createdAt: { gte: window.from, lte: window.to } }, review.flaggedWhere] } : { id: "" };
}
