// The relay's hot-path storage, behind one interface with two implementations: better-sqlite3
// prepared statements against the SQLite file (store-sqlite.ts; Prisma per row costs ~10× the
// CPU, STACK-NOTES) and Prisma for PostgreSQL (store-prisma.ts). Everything else goes through
// Prisma as usual.
import type { Db } from "../lib/db";
import type { Env } from "../lib/env";
import type { CommitOutcome, PreparedMessage } from "./batch";
import type { SenderAccount } from "./policy";

export type ClaimedMessage = {
  id: string;
  workspaceId: string;
  envelopeFrom: string;
  raw: Buffer | null;
  attemptCount: number;
  createdAt: Date;
  recipients: string[];
};

export type DeliveryStatus = "delivered" | "deferred" | "bounced";

export type DeliveryResult = {
  id: string;
  workspaceId: string;
  status: DeliveryStatus;
  reply: string;
  upstream: string;
  durationMs: number;
  /** This delivery repeats one already made (at-least-once after a crash). */
  duplicate: boolean;
  nextAttemptAt: Date | null;
  at: Date;
};

export interface RelayStore {
  /** The account as MAIL FROM re-reads it (credential version, status, sender rule). */
  senderAccount(accountId: string): Promise<SenderAccount | null>;
  /** Stores a batch in one transaction; one outcome per message, in order. Throws when the transaction failed. */
  commitBatch(batch: readonly PreparedMessage[], now: Date): Promise<CommitOutcome[]>;
  /** Claims up to `limit` due messages (queued or deferred, never held) for `instance`. */
  claim(instance: string, now: Date, limit: number, claimMs: number): Promise<ClaimedMessage[]>;
  /** Records delivery outcomes and their DeliveryAttempt rows in one transaction; releases the claims. */
  recordDeliveries(results: readonly DeliveryResult[]): Promise<void>;
  /** Releases claims a previous life of this instance id left behind (after a crash). */
  releaseClaims(instance: string): Promise<number>;
  /** One UPDATE per account: lastUsedAt moves forward only. */
  flushLastUsed(entries: ReadonlyMap<string, Date>): Promise<void>;
  /** Messages waiting for delivery (queued + deferred). */
  queueDepth(): Promise<number>;
  close(): Promise<void>;
}

export async function createRelayStore(env: Pick<Env, "DATABASE_URL" | "DATABASE_PROVIDER" | "SQLITE_PATH">, db: Db): Promise<RelayStore> {
  if (env.DATABASE_PROVIDER === "sqlite") {
    const { ThreadedSqliteRelayStore } = await import("./store-sqlite-thread");
    return new ThreadedSqliteRelayStore(env.SQLITE_PATH ?? env.DATABASE_URL.slice("file:".length));
  }
  const { PrismaRelayStore } = await import("./store-prisma");
  return new PrismaRelayStore(db);
}
