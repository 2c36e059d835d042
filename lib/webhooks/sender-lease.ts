// Which relay's webhook tailer sends first tries: one at a time, so relays sharing a PostgreSQL
// database do not each POST every event (a first try has no row to claim before it is sent). The
// lease is a TailCursor row ("createdAt" = held until, "lastId" = holder), taken by a conditional
// UPDATE like the dispatcher's claims, and renewed only once half spent, so holding it costs a
// write every LEASE_MS / 2, not one per pass. A relay that stops holding it is replaced once it
// expires (at once when it stopped cleanly); its unsent events are still after the cursor, so none is lost.
import type { Db } from "../db";
import { Prisma } from "../generated/sqlite/client";

export const SENDER_LEASE = "webhooks:sender";
const LEASE_MS = 60_000;

export type SenderLease = { held(now?: Date): Promise<boolean>; release(): Promise<void> };

export function createSenderLease(db: Db, instance: string, leaseMs = LEASE_MS): SenderLease {
  let until = 0;
  return {
    async held(now = new Date()) {
      if (now.getTime() < until - leaseMs / 2) return true;
      const next = new Date(now.getTime() + leaseMs);
      const { count } = await db.tailCursor.updateMany({
        where: { name: SENDER_LEASE, OR: [{ lastId: instance }, { createdAt: { lt: now } }] },
        data: { createdAt: next, lastId: instance },
      });
      if (count === 0) {
        try {
          await db.tailCursor.create({ data: { name: SENDER_LEASE, createdAt: next, lastId: instance }, select: { name: true } });
        } catch (error) {
          if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
          until = 0;
          return false;
        }
      }
      until = next.getTime();
      return true;
    },
    /** On a clean stop: the next relay (a restart) need not wait for the lease to run out. */
    async release() {
      until = 0;
      await db.tailCursor.updateMany({ where: { name: SENDER_LEASE, lastId: instance }, data: { createdAt: new Date(0) } });
    },
  };
}
