// What the relay reads of a suppression at every RCPT TO: one probe of the unique
// (workspaceId, address) index, by the relay store (relay/store-sqlite.ts on its read-only
// connection, relay/store-prisma.ts with a prepared statement on node-postgres: Prisma's per-query
// CPU is too much for a per-recipient read).

/** What the relay's 550 names: why, and since when. */
export type SuppressionHit = { reason: string; createdAt: Date };
