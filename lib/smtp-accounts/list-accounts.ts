// The SMTP Accounts page: search, sort and page on the server, always scoped by workspace in
// the query itself. Sends in the last 24 h are counted for the visible page only.
import { z } from "zod";
import type { Db } from "../db";
import { fromEmailOf, type FromEmail } from "./from-email";

export const ACCOUNT_SORTS = ["label", "username", "created", "lastUsed"] as const;
export const PAGE_SIZE = 50;

export const ZListAccountsQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  sort: z.enum(ACCOUNT_SORTS).optional().catch(undefined).default("label"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined).default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined).default(1),
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
  sends24h: number;
  lastTest: { ok: boolean; at: string; by: string | null; step: string | null } | null;
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

export async function listAccounts(db: Db, { workspaceId, query, now = new Date() }: { workspaceId: string; query: TListAccountsQuery; now?: Date }) {
  const where = {
    workspaceId,
    ...(query.q ? { OR: [{ label: { contains: query.q } }, { username: { contains: query.q.toLowerCase() } }] } : {}),
  };
  const orderField = { label: "label", username: "username", created: "createdAt", lastUsed: "lastUsedAt" }[query.sort] as "label";
  const [total, rows] = await Promise.all([
    db.smtpAccount.count({ where }),
    db.smtpAccount.findMany({
      where,
      orderBy: [{ [orderField]: query.dir }, { id: "asc" }],
      skip: (query.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
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
        domain: { select: { name: true } },
      },
    }),
  ]);
  const sends = rows.length
    ? await db.message.groupBy({
        by: ["accountId"],
        where: { workspaceId, accountId: { in: rows.map((r) => r.id) }, createdAt: { gte: new Date(now.getTime() - DAY) } },
        _count: { _all: true },
      })
    : [];
  const sendsByAccount = new Map(sends.map((s) => [s.accountId, s._count._all]));
  const accounts: AccountRow[] = rows.map((r) => ({
    id: r.id,
    label: r.label,
    username: r.username,
    fromEmail: fromEmailOf(r),
    status: r.status,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    usage: usageBadge(r.lastUsedAt, now),
    sends24h: sendsByAccount.get(r.id) ?? 0,
    lastTest: r.lastTestAt ? { ok: r.lastTestOk === true, at: r.lastTestAt.toISOString(), by: r.lastTestByName, step: r.lastTestStep } : null,
  }));
  return { accounts, total, page: query.page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}
