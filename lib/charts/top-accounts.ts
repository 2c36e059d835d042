// The accounts that sent the most in a window (the overview's "top accounts" bars): messages
// accepted, from the rollup for the closed hours and live for the rest, ranked in ONE statement
// that returns only the top rows. A month of a workspace whose mail is spread thin over 10,000
// accounts is about an hourly rollup row per message, so the closed hours' counts are
// differences of the accounts' running totals (VolumeDay) at the window's two ends: about two
// rows per account, plus at most 12 hours of VolumeHour at a ragged end. The ranking is summed
// in the database because handing 10,000 rows per end to Prisma cost more (50-150 ms under
// load) than the SQL itself (5 ms); nothing is memoized, so a fresh process pays no more.
import { type Db, providerOf } from "../db";
import { Prisma } from "../generated/sqlite/client";
import { bucketOf, DAY_MS, HOUR_MS, type ChartWindow } from "./range";
import { rollupWatermark } from "./volume-rollup";

export type TopAccount = { accountId: string; label: string; count: number };

export async function topAccounts(db: Db, { workspaceId, window, limit = 5 }: { workspaceId: string; window: ChartWindow; limit?: number }): Promise<TopAccount[]> {
  const mark = await rollupWatermark(db);
  const cut = mark && mark > window.start ? (mark < window.end ? mark : window.end) : window.start;
  const ceilHour = (d: Date) => Math.ceil(d.getTime() / HOUR_MS) * HOUR_MS;
  // Closed: sent before `cut` less sent before the window's start (both closed hour boundaries).
  const closed = mark && cut > window.start ? [...sentBefore(db, workspaceId, ceilHour(cut), mark.getTime(), 1), ...sentBefore(db, workspaceId, ceilHour(window.start), mark.getTime(), -1)] : [];
  const messages = Prisma.raw(providerOf(db) === "sqlite" ? `"Message" INDEXED BY "Message_workspaceId_createdAt_id_idx"` : `"Message"`);
  // The hours the rollup has not closed, over Message(workspaceId, createdAt): named on SQLite,
  // whose planner otherwise skip-scanned Message(accountId, createdAt) once per account.
  const live = Prisma.sql`
    SELECT "accountId" AS account, 1 AS n FROM ${messages}
    WHERE "workspaceId" = ${workspaceId} AND "createdAt" >= ${cut} AND "createdAt" <= ${window.end} AND "accountId" IS NOT NULL AND "status" <> 'suppressed'`;
  const rows = await db.$queryRaw<{ account: string; n: bigint | number }[]>(Prisma.sql`
    SELECT account, SUM(n) AS n FROM (${Prisma.join([...closed, live], " UNION ALL ")}) AS sent
    GROUP BY account HAVING SUM(n) > 0 ORDER BY n DESC, account ASC LIMIT ${limit}`);
  const accounts = await db.smtpAccount.findMany({ where: { workspaceId, id: { in: rows.map((r) => r.account) } }, select: { id: true, label: true } });
  const labels = new Map(accounts.map((a) => [a.id, a.label]));
  return rows.map((r) => ({ accountId: r.account, label: labels.get(r.account) ?? "deleted account", count: Number(r.n) }));
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
