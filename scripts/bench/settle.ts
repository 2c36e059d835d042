// Before each measured run of a relay: the work the previous run left behind is finished first —
// messages still being delivered, webhook events still being sent, a WAL grown by 20,000
// commits — so the variant that runs second in a round does not pay for the one before it. (The
// policies benchmark showed it: at one connection, where a commit is mostly its fsync, the
// second variant of a round lost 25–35 % in whichever order they ran.)
import { spawnSync } from "node:child_process";
import { providerOf, type Db } from "../../lib/db";

const WEBHOOK_CURSORS = ["webhooks:message", "webhooks:delivery-attempt"] as const;
const ATTEMPT_EVENTS = ["delivered", "deferred", "bounced", "held"];

/** Waits (at most `timeoutMs`) until nothing is queued and the webhook tailer has read every row, then checkpoints SQLite's WAL. */
export async function settleRelay(db: Db, timeoutMs = 120_000): Promise<{ waitedMs: number; settled: boolean }> {
  const started = Date.now();
  let settled = false;
  while (Date.now() - started < timeoutMs) {
    if (!(await busy(db))) {
      settled = true;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (providerOf(db) === "sqlite") await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  // And the page cache's dirty pages written out, so no run starts behind the last one's writes.
  spawnSync("sync");
  return { waitedMs: Date.now() - started, settled };
}

async function busy(db: Db): Promise<boolean> {
  if ((await db.message.count({ where: { status: "queued" } })) > 0) return true;
  // A checkout from before webhooks has no such table: nothing to wait for.
  const endpoints = await db.webhookEndpoint.findMany({ where: { enabled: true }, select: { workspaceId: true } }).catch(() => []);
  if (endpoints.length === 0) return false;
  // The tailer reads only workspaces with an enabled endpoint: another workspace's newest row is never read.
  const workspaceId = { in: [...new Set(endpoints.map((e) => e.workspaceId))] };
  const cursors = new Map((await db.tailCursor.findMany({ where: { name: { in: [...WEBHOOK_CURSORS] } } })).map((c) => [c.name, c]));
  const message = await db.message.findFirst({ where: { workspaceId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, createdAt: true } });
  const read = cursors.get("webhooks:message");
  if (message && (!read || read.createdAt < message.createdAt || (read.createdAt.getTime() === message.createdAt.getTime() && read.lastId < message.id))) return true;
  const attempt = await db.deliveryAttempt.findFirst({ where: { workspaceId, outcome: { in: ATTEMPT_EVENTS } }, orderBy: { id: "desc" }, select: { id: true } });
  const attempts = cursors.get("webhooks:delivery-attempt");
  return attempt !== null && (!attempts || attempts.lastId < attempt.id);
}
