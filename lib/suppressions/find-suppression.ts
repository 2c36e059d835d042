// One indexed read (the unique (workspaceId, address)): is this recipient suppressed? The relay
// on PostgreSQL asks it at every RCPT TO; on SQLite the relay store answers from its read-only
// connection with the same query prepared (relay/store-sqlite.ts).
import type { Db } from "../db";

/** What the relay's 550 names: why, and since when. */
export type SuppressionHit = { reason: string; createdAt: Date };

export function findSuppression(db: Db, workspaceId: string, address: string): Promise<SuppressionHit | null> {
  return db.suppression.findUnique({ where: { workspaceId_address: { workspaceId, address } }, select: { reason: true, createdAt: true } });
}
