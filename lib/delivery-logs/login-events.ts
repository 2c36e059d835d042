// SMTP login events of one account (every AUTH, success or failure), newest first, filtered,
// in keyset pages. The account must belong to the workspace; both conditions are in the where.
import { z } from "zod";
import type { Db } from "../db";
import type { Prisma } from "../generated/sqlite/client";
import { afterCursor, decodeCursor, encodeCursor, firstValues, opt, TIME_WINDOW_PARAMS, timeWindow } from "./filters";

export const ZLoginEventQuery = z.object({
  result: opt(z.enum(["success", "failure"])),
  ip: opt(z.string().trim().min(1).max(64)),
  ...TIME_WINDOW_PARAMS,
});
export type TLoginEventQuery = z.infer<typeof ZLoginEventQuery>;

export function parseLoginEventQuery(raw: Record<string, string | string[] | undefined>): TLoginEventQuery {
  return ZLoginEventQuery.parse(firstValues(raw));
}

export async function listLoginEvents({ db, workspaceId, accountId, query, limit = 50 }: { db: Db; workspaceId: string; accountId: string; query: TLoginEventQuery; limit?: number }) {
  const { from, to } = timeWindow(query);
  const where: Prisma.LoginEventWhereInput = {
    AND: [
      {
        workspaceId,
        accountId,
        ...(query.result ? { success: query.result === "success" } : {}),
        ...(query.ip ? { clientIp: query.ip } : {}),
        ...(from || to ? { createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } } : {}),
      },
      afterCursor(decodeCursor(query.cursor)),
    ],
  };
  const take = Math.min(Math.max(1, limit), 500);
  const rows = await db.loginEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: { id: true, createdAt: true, success: true, clientIp: true, tlsProtocol: true, method: true, passwordVersion: true, reason: true, username: true },
  });
  const more = rows.length > take;
  if (more) rows.pop();
  const last = rows.at(-1);
  return { rows, nextCursor: more && last ? encodeCursor(last) : null };
}
