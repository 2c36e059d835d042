// The relay's hot-path storage, behind one interface with two implementations
// (create-relay-store.ts picks one). Everything else goes through Prisma as usual.
import type { MessagePort } from "node:worker_threads";
import type { CommitOutcome, PreparedMessage } from "./batch";
import type { SenderAccount } from "./policy";
import type { AuthReads } from "../lib/smtp-accounts/authenticate";
import type { SuppressionHit } from "../lib/suppressions/find-suppression";

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

/** A recipient the smarthost refused with a 5xx: it goes on the workspace's suppression list. */
export type HardBounce = { address: string; reply: string };

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
  /** Recipients to suppress (reason hard_bounce), written in the same transaction as this outcome. */
  hardBounces?: readonly HardBounce[];
};

export interface RelayStore {
  /** How many batch transactions may be in flight at once (default 1: SQLite has one writer). */
  readonly commitConcurrency?: number;
  /** AUTH's reads served by the store itself (SQLite: its read-only connection); absent, AUTH reads through Prisma. */
  readonly authReads?: AuthReads;
  /** SQLite: a port through which the webhook thread's pass writes run on the store's writer (relay/webhook-writes.ts). */
  webhookWriterPort?(): MessagePort;
  /** The account as MAIL FROM re-reads it (credential version, status, sender rule). */
  senderAccount(accountId: string): Promise<SenderAccount | null>;
  /** The workspace's suppression entry for a normalised recipient address: one indexed read per RCPT TO, never cached. */
  findSuppression(workspaceId: string, address: string): Promise<SuppressionHit | null>;
  /** Stores a batch in one transaction; one outcome per message, in order. Throws when the transaction failed. */
  commitBatch(batch: readonly PreparedMessage[], now: Date): Promise<CommitOutcome[]>;
  /** Claims up to `limit` due messages (queued or deferred, never held) for `instance`. */
  claim(instance: string, now: Date, limit: number, claimMs: number): Promise<ClaimedMessage[]>;
  /** Records delivery outcomes, their DeliveryAttempt rows and hard bounces' Suppression rows (in one transaction, or chunks of them on SQLite); releases the claims. */
  recordDeliveries(results: readonly DeliveryResult[]): Promise<void>;
  /** Extends `instance`'s claims on `ids` to `until`; answers the ids it still holds (a claim that lapsed and another instance took is lost). */
  renewClaims(instance: string, ids: readonly string[], until: Date): Promise<string[]>;
  /** Releases claims a previous life of this instance id left behind (after a crash). */
  releaseClaims(instance: string): Promise<number>;
  /** One UPDATE per account: lastUsedAt moves forward only. */
  flushLastUsed(entries: ReadonlyMap<string, Date>): Promise<void>;
  /** Messages waiting for delivery (queued + deferred). */
  queueDepth(): Promise<number>;
  close(): Promise<void>;
}
