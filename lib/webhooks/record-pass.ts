// Writing a tailer pass: its delivery rows (the endpoints' delivery logs), the attempt rows of
// failed first tries, and the cursors that moved — deliveries and attempts first, cursors last, so a
// crash in between only makes the next pass re-read rows whose deliveries it then finds.
// Through Prisma by default (PostgreSQL); on SQLite the relay's webhook thread has them written by
// the relay's own SQLite writer instead (lib/webhooks/record-pass-sqlite.ts, relay/webhook-writes.ts).
import type { Db } from "../db";
import { Prisma } from "../generated/sqlite/client";

export type PassDelivery = {
  id: string;
  endpointId: string;
  workspaceId: string;
  eventId: string;
  eventType: string;
  payload: string;
  status?: string;
  attemptCount?: number;
  nextAttemptAt: Date | null;
  lastStatus?: number | null;
  lastError?: string | null;
  deliveredAt?: Date;
};
export type PassAttempt = { deliveryId: string; statusCode: number | null; error: string | null; durationMs: number; createdAt: Date };
export type PassCursor = { name: string; createdAt: Date; lastId: string };
/** `attempts` belong to `deliveries`; one whose delivery another tailer already wrote is skipped with it. */
export type PassRows = { deliveries: PassDelivery[]; attempts: PassAttempt[]; cursors: PassCursor[] };
/** Writes a pass; returns how many deliveries were new. */
export type PassWriter = (rows: PassRows) => Promise<number>;

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** The pass in one transaction; when another tailer wrote some of the same deliveries meanwhile, one at a time, skipping those. */
export function prismaPassWriter(db: Db): PassWriter {
  return async ({ deliveries, attempts, cursors }) => {
    const cursorWrites = async (tx: Prisma.TransactionClient) => {
      for (const c of cursors) await tx.tailCursor.upsert({ where: { name: c.name }, create: c, update: { createdAt: c.createdAt, lastId: c.lastId } });
    };
    // An interactive transaction, not an array batch: Prisma caches a compiled plan per batch shape.
    try {
      await db.$transaction(async (tx) => {
        if (deliveries.length > 0) await tx.webhookDelivery.createMany({ data: deliveries });
        if (attempts.length > 0) await tx.webhookAttempt.createMany({ data: attempts });
        await cursorWrites(tx);
      });
      return deliveries.length;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    let inserted = 0;
    for (const d of deliveries) {
      try {
        await db.$transaction(async (tx) => {
          await tx.webhookDelivery.create({ data: d, select: { id: true } });
          const own = attempts.filter((a) => a.deliveryId === d.id);
          if (own.length > 0) await tx.webhookAttempt.createMany({ data: own });
        });
        inserted++;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    await db.$transaction(cursorWrites);
    return inserted;
  };
}
