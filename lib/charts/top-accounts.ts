// The accounts that sent the most in a window (the overview's "top accounts" bars): messages
// accepted, from the rollup for the closed hours and live for the rest. A month of a workspace
// whose mail is spread thin over 10,000 accounts is about an hourly rollup row per message, so
// the closed hours' counts are differences of the accounts' running totals (VolumeDay) at the
// window's two ends: about two rows per account, plus at most 12 hours of VolumeHour at a ragged
// end, summed per account in the database. Those closed counts do not change until the
// watermark moves, so they are kept (chart-cache.ts), sorted; each request adds the open hours'
// counts and ranks the live accounts against the head of that sorted list.
import { type Db, providerOf } from "../db";
import { Prisma } from "../generated/sqlite/client";
import { bucketOf, DAY_MS, HOUR_MS, type ChartWindow } from "./range";
import { readsOf } from "../driver-reads";
import { memoizeLargeChart } from "./chart-cache";
import { rollupWatermark } from "./volume-rollup";

export type TopAccount = { accountId: string; label: string; count: number };

export async function topAccounts(db: Db, { workspaceId, window, limit = 5 }: { workspaceId: string; window: ChartWindow; limit?: number }): Promise<TopAccount[]> {
  const mark = await rollupWatermark(db);
  const cut = mark && mark > window.start ? (mark < window.end ? mark : window.end) : window.start;
  const ceilHour = (d: Date) => Math.ceil(d.getTime() / HOUR_MS) * HOUR_MS;
  // Closed: sent before `cut` less sent before the window's start (both closed hour boundaries).
  const [closed, live] = await Promise.all([
    mark && cut > window.start ? closedCounts(db, workspaceId, ceilHour(cut), ceilHour(window.start), mark.getTime()) : rankedCounts(new Map()),
    liveCounts(db, workspaceId, cut, window.end),
  ]);
  const ranked = rankAccounts(closed, live, limit);
  const accounts = await db.smtpAccount.findMany({ where: { workspaceId, id: { in: ranked.map((r) => r.account) } }, select: { id: true, label: true } });
  const labels = new Map(accounts.map((a) => [a.id, a.label]));
  return ranked.map((r) => ({ accountId: r.account, label: labels.get(r.account) ?? "deleted account", count: r.n }));
}

/** Counts per account, and the same sorted as the ranking orders them (most first, ties by account id). */
export type RankedCounts = { counts: ReadonlyMap<string, number>; sorted: readonly { account: string; n: number }[] };

export function rankedCounts(counts: Map<string, number>): RankedCounts {
  const sorted = [...counts].map(([account, n]) => ({ account, n })).sort((x, y) => y.n - x.n || (x.account < y.account ? -1 : x.account > y.account ? 1 : 0));
  return { counts, sorted };
}

/**
 * The `limit` accounts with the most messages, closed plus live, ties by account id. The closed
 * counts come sorted (once per watermark, kept with them), so only the live accounts and the
 * head of that list are looked at, not all 10,000 accounts at every request.
 */
export function rankAccounts(closed: RankedCounts, live: ReadonlyMap<string, number>, limit: number): { account: string; n: number }[] {
  const top: { account: string; n: number }[] = [];
  const ahead = (a: { account: string; n: number }, account: string, n: number) => a.n > n || (a.n === n && a.account < account);
  const consider = (account: string, n: number) => {
    if (n <= 0 || (top.length === limit && ahead(top[limit - 1]!, account, n))) return;
    let at = top.length;
    while (at > 0 && !ahead(top[at - 1]!, account, n)) at--;
    top.splice(at, 0, { account, n });
    if (top.length > limit) top.pop();
  };
  for (const [account, n] of live) consider(account, n + (closed.counts.get(account) ?? 0));
  for (const { account, n } of closed.sorted) {
    if (live.has(account)) continue;
    // Every later entry ranks below this one: once it cannot enter, none can.
    if (n <= 0 || (top.length === limit && ahead(top[limit - 1]!, account, n))) break;
    consider(account, n);
  }
  return top;
}

/** How long closed totals are kept: they cannot change under their key (the window's hours and the watermark). */
const CLOSED_COUNTS_MS = HOUR_MS;

/**
 * Messages per account in the closed hours [startHour, cutHour), from the rollup. They never
 * change once the watermark has passed them, so they are kept (per workspace, window and
 * watermark) for an hour rather than chart-cache.ts's minute: summing ~10,000 accounts' rows
 * took 10-25 ms of every Overview, and 30-90 ms as a restarted portal's first.
 */
function closedCounts(db: Db, workspaceId: string, cutHour: number, startHour: number, mark: number): Promise<RankedCounts> {
  return memoizeLargeChart(
    `top-closed|${workspaceId}|${cutHour}|${startHour}|${mark}`,
    async () => {
      const parts = [...sentBefore(db, workspaceId, cutHour, mark, 1), ...sentBefore(db, workspaceId, startHour, mark, -1)];
      return rankedCounts(await countsByAccount(db, Prisma.sql`SELECT account, SUM(n) AS n FROM (${Prisma.join(parts, " UNION ALL ")}) AS sent GROUP BY account HAVING SUM(n) <> 0`));
    },
    Date.now(),
    CLOSED_COUNTS_MS,
  );
}

/** Messages per account accepted since `cut` (the hours the rollup has not closed), over Message(workspaceId, createdAt). */
async function liveCounts(db: Db, workspaceId: string, cut: Date, end: Date): Promise<Map<string, number>> {
  // Named on SQLite, whose planner otherwise skip-scanned Message(accountId, createdAt) once per account.
  const messages = Prisma.raw(providerOf(db) === "sqlite" ? `"Message" INDEXED BY "Message_workspaceId_createdAt_id_idx"` : `"Message"`);
  return countsByAccount(
    db,
    Prisma.sql`
      SELECT "accountId" AS account, COUNT(*) AS n FROM ${messages}
      WHERE "workspaceId" = ${workspaceId} AND "createdAt" >= ${cut} AND "createdAt" <= ${end} AND "accountId" IS NOT NULL AND "status" <> 'suppressed'
      GROUP BY "accountId"`,
  );
}

/** account → n rows of a statement, read through the driver (thousands of rows cost Prisma 50-150 ms under load; the SQL, 5). */
async function countsByAccount(db: Db, sql: Prisma.Sql): Promise<Map<string, number>> {
  const rows = await readsOf(db).all<{ account: string; n: bigint | number | string }>(sql.sql, sql.values);
  return new Map(rows.map((r) => [r.account, Number(r.n)]));
}

/**
 * Per account, `sign` × the messages it accepted before the closed hour boundary `t` (≤ the
 * watermark), as rows to sum: the running total at the end of the day before t's day plus the
 * hours of t's day up to t, or, when fewer hours, the total of t's day so far less its hours
 * from t on. VolumeHour is read through its (workspaceId, kind, hour) index, named on SQLite
 * (see volume-hours.ts).
 */
function sentBefore(db: Db, workspaceId: string, t: number, mark: number, sign: 1 | -1): Prisma.Sql[] {
  const day = bucketOf(t, DAY_MS);
  const dayClosedUntil = Math.min(mark, day + DAY_MS);
  const fromDayBefore = t - day <= dayClosedUntil - t;
  const [rowDay, hoursFrom, hoursTo, hoursSign] = fromDayBefore ? [day - DAY_MS, day, t, sign] : [day, t, dayClosedUntil, -sign];
  const hours = Prisma.raw(providerOf(db) === "sqlite" ? `"VolumeHour" INDEXED BY "VolumeHour_workspaceId_kind_hour_accountId_count_idx"` : `"VolumeHour"`);
  const parts = [Prisma.sql`SELECT "accountId" AS account, ${sign} * "total" AS n FROM "VolumeDay" WHERE "workspaceId" = ${workspaceId} AND "day" = ${new Date(rowDay)}`];
  if (hoursFrom < hoursTo)
    parts.push(Prisma.sql`
      SELECT "accountId" AS account, ${hoursSign} * "count" AS n FROM ${hours}
      WHERE "workspaceId" = ${workspaceId} AND "kind" = 'accepted' AND "hour" >= ${new Date(hoursFrom)} AND "hour" < ${new Date(hoursTo)} AND "accountId" NOT IN ('*', '')`);
  return parts;
}
