// The SMTP Accounts page: search, sort and page on the server, always scoped by workspace in
// the query itself. Pages by keyset (account-cursor.ts); the total is counted up to a cap so a
// large workspace is not scanned for a number. Sends in the last 24 h are counted for the
// visible page only, by the table's sparkline query (lib/charts/account-sends.ts).
import { z } from "zod";
import { containsIgnoringCase, containsText, type Db } from "../db";
import type { Prisma } from "../generated/sqlite/client";
import { ACCOUNT_SORTS, type AccountWalk, accountWalks, cursorOf, decodeAccountCursor, encodeAccountCursor } from "./account-cursor";
import { fromEmailOf, type FromEmail } from "./from-email";
import { ACCOUNT_FILTERS, expiryBadge, filterWhere, type ExpiryBadge } from "../access-policy/account-filters";

export { ACCOUNT_SORTS } from "./account-cursor";
export const PAGE_SIZE = 50;
/** Beyond this many matches the page says "more than 1,000" instead of counting them all. */
export const COUNT_CAP = 1000;

export const ZListAccountsQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  sort: z.enum(ACCOUNT_SORTS).optional().catch(undefined).default("label"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined).default("asc"),
  /** Keyset cursor: the page after this row. */
  after: z
    .string()
    .max(400)
    .refine((v) => decodeAccountCursor(v) !== undefined, "not a cursor this list gave; pass nextCursor back as it is")
    .optional()
    .catch(undefined),
  /** A policy filter (lib/access-policy/account-filters.ts). */
  filter: z.enum(ACCOUNT_FILTERS).optional().catch(undefined),
});
export type TListAccountsQuery = z.infer<typeof ZListAccountsQuery>;

export type UsageBadge = "Active" | "Quiet" | "Dormant" | "Never used";

export type AccountRow = {
  id: string;
  label: string;
  username: string;
  fromEmail: FromEmail;
  status: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  usage: UsageBadge;
  lastTest: { ok: boolean; at: string; by: string | null; step: string | null } | null;
  /** Shown once the password is within 14 days of expiring (or has expired). */
  expiry: ExpiryBadge | null;
};

const DAY = 24 * 3600 * 1000;

/** From the relay's last successful AUTH: within a day, within 30 days, older, never. */
export function usageBadge(lastUsedAt: Date | null, now = new Date()): UsageBadge {
  if (!lastUsedAt) return "Never used";
  const age = now.getTime() - lastUsedAt.getTime();
  if (age <= DAY) return "Active";
  if (age <= 30 * DAY) return "Quiet";
  return "Dormant";
}

const SELECT = {
  id: true,
  label: true,
  username: true,
  fromAddress: true,
  status: true,
  createdAt: true,
  lastUsedAt: true,
  lastTestAt: true,
  lastTestOk: true,
  lastTestStep: true,
  lastTestByName: true,
  expiresAt: true,
  passwordChangedAt: true,
  domain: { select: { name: true } },
} satisfies Prisma.SmtpAccountSelect;

export async function listAccounts(
  db: Db,
  { workspaceId, query, now = new Date(), maxPasswordLifetimeDays = null }: { workspaceId: string; query: TListAccountsQuery; now?: Date; maxPasswordLifetimeDays?: number | null },
) {
  const where: Prisma.SmtpAccountWhereInput = {
    workspaceId,
    AND: [query.q ? { OR: [{ label: containsIgnoringCase(db, query.q) }, { username: containsText(query.q.toLowerCase()) }] } : {}, filterWhere(query.filter, now, maxPasswordLifetimeDays)],
  };
  const cursor = decodeAccountCursor(query.after);
  const walk = ({ where: after, orderBy }: AccountWalk, take: number) => db.smtpAccount.findMany({ where: { AND: [where, after] }, orderBy, take, select: SELECT });
  const page = async () => {
    const found: Awaited<ReturnType<typeof walk>> = [];
    for (const w of accountWalks(query.sort, query.dir, cursor)) {
      found.push(...(await walk(w, PAGE_SIZE + 1 - found.length)));
      if (found.length > PAGE_SIZE) break;
    }
    return found;
  };
  // Counted along the label index: Prisma orders a counted subquery (by id unless told), and an
  // order no index gives is a sort of every matching account.
  const count = () => db.smtpAccount.count({ where, orderBy: [{ label: "asc" }, { id: "asc" }], take: COUNT_CAP + 1 });
  // A search's or filter's first page that holds every match is its own count: a search that
  // finds a few accounts reads the workspace once, not twice (one match among 10,000 accounts on
  // SQLite: 14.9 -> 6.6 ms). Unfiltered, or further pages, count beside the page.
  const [total, found] =
    (query.q || query.filter) && !cursor
      ? await page().then(async (rows) => [rows.length <= PAGE_SIZE ? rows.length : await count(), rows] as const)
      : await Promise.all([count(), page()]);
  const rows = found.slice(0, PAGE_SIZE);
  const last = rows.at(-1);
  const nextCursor = found.length > PAGE_SIZE && last ? encodeAccountCursor(cursorOf(query.sort, last)) : null;
  const accounts: AccountRow[] = rows.map((r) => ({
    id: r.id,
    label: r.label,
    username: r.username,
    fromEmail: fromEmailOf(r),
    status: r.status,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    usage: usageBadge(r.lastUsedAt, now),
    lastTest: r.lastTestAt ? { ok: r.lastTestOk === true, at: r.lastTestAt.toISOString(), by: r.lastTestByName, step: r.lastTestStep } : null,
    expiry: expiryBadge({ ...r, maxPasswordLifetimeDays }, now),
  }));
  return { accounts, total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP, isFirstPage: !cursor, nextCursor };
}
