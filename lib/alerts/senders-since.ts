// The alert evaluator's message read: each account that sent since the cursor, with the oldest
// password version it sent under and its latest message, grouped in the database.
// Read along Message(workspaceId, createdAt, id), i.e. only the new rows. Left to itself, SQLite
// produces the groups in order by walking (workspaceId, accountId, createdAt) through every
// account of the workspace: 23 ms a pass (every ALERTS_POLL_MS, on the relay's thread) at
// 1,000,000 messages, against 0.2 ms. INDEXED BY fails loudly if that index is ever renamed.
import { type Db, providerOf } from "../db";
import { Prisma } from "../generated/sqlite/client";
import { utcDate } from "../sqlite-date";

export type SenderGroup = { workspaceId: string; accountId: string; minVersion: number; lastAt: Date };

export async function sendersSince(db: Db, workspaceIds: readonly string[], since: Date): Promise<SenderGroup[]> {
  if (workspaceIds.length === 0) return [];
  const table = providerOf(db) === "sqlite" ? Prisma.raw(`"Message" INDEXED BY "Message_workspaceId_createdAt_id_idx"`) : Prisma.raw(`"Message"`);
  const rows = await db.$queryRaw<{ workspaceId: string; accountId: string; minVersion: number | bigint | null; lastAt: string | number | Date }[]>`
    SELECT "workspaceId", "accountId", MIN("passwordVersion") AS "minVersion", MAX("createdAt") AS "lastAt" FROM ${table}
    WHERE "workspaceId" IN (${Prisma.join(workspaceIds)}) AND "accountId" IS NOT NULL AND "createdAt" > ${since}
    GROUP BY "workspaceId", "accountId"`;
  // PostgreSQL answers a Date; SQLite the stored text.
  return rows.map((r) => ({ workspaceId: r.workspaceId, accountId: r.accountId, minVersion: Number(r.minVersion ?? 0), lastAt: utcDate(r.lastAt) }));
}
