// The suppression list of one workspace, newest first, searchable by any part of the address;
// keyset pages over (createdAt, id) like the logs.
import { z } from "zod";
import { containsText, type Db } from "../db";
import type { Prisma } from "../generated/sqlite/client";
import { afterCursor, type Cursor, decodeCursor, encodeCursor, firstValues, opt } from "../delivery-logs/filters";

export const ZSuppressionQuery = z.object({
  q: opt(
    z
      .string()
      .trim()
      .max(254)
      .transform((v) => (v === "" ? undefined : v.toLowerCase())),
  ),
  cursor: opt(z.string().max(200)),
});
export type TSuppressionQuery = z.infer<typeof ZSuppressionQuery>;

export function parseSuppressionQuery(raw: Record<string, string | string[] | undefined> | URLSearchParams): TSuppressionQuery {
  return ZSuppressionQuery.parse(firstValues(raw));
}

export const SUPPRESSION_ROW_SELECT = {
  id: true,
  address: true,
  reason: true,
  detail: true,
  messageId: true,
  createdAt: true,
} as const satisfies Prisma.SuppressionSelect;

export type SuppressionRow = Prisma.SuppressionGetPayload<{ select: typeof SUPPRESSION_ROW_SELECT }>;

/** Addresses are stored lower-cased, so `contains` on the lower-cased search matches on both databases. */
function suppressionWhere(workspaceId: string, q: string | undefined): Prisma.SuppressionWhereInput {
  return { workspaceId, ...(q ? { address: containsText(q) } : {}) };
}

export async function listSuppressionsAfter(db: Db, workspaceId: string, q: string | undefined, cursor: Cursor | undefined, take: number) {
  const rows = await db.suppression.findMany({
    where: { AND: [suppressionWhere(workspaceId, q), afterCursor(cursor)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: SUPPRESSION_ROW_SELECT,
  });
  const more = rows.length > take;
  if (more) rows.pop();
  const last = rows.at(-1);
  return { rows, nextCursor: more && last ? encodeCursor(last) : null };
}

export async function listSuppressions({ db, workspaceId, query, limit = 50 }: { db: Db; workspaceId: string; query: TSuppressionQuery; limit?: number }) {
  return listSuppressionsAfter(db, workspaceId, query.q, decodeCursor(query.cursor), Math.min(Math.max(1, limit), 500));
}

/** Entries in the workspace (the empty state tells "nothing matches" from "nothing yet"). */
export function countSuppressions(db: Db, workspaceId: string): Promise<number> {
  return db.suppression.count({ where: { workspaceId } });
}
