// The relay benchmark's two-relay checks at full scale (issue #14), on the PostgreSQL database the
// two relays share, after their throughput rows: a 120-per-minute account sent to through both
// at once gets 120 in all; a password reset (lib's resetPassword, what either portal's action
// calls) during continuous sends through both stops old-password sends on both; and no message
// is delivered twice by the two delivery workers. relay/two-relays.integration.test.ts runs the
// same checks small in CI, with kill -9 of one relay besides.
import type { Db } from "../../lib/db";
import type { Env } from "../../lib/env";
import { resetPassword } from "../../lib/smtp-accounts/reset-password";
import { createTestAccount, type Creds } from "../../relay/testbed";

/** A bench client process's job and answer (scripts/bench-relay.ts's client role). */
export type SendJob = { port: number; conns: number; count: number; creds: Creds; durationMs?: number };
export type SendReport = { ok: number; failed: number; timeline?: [number, boolean][] };
/** Starts one client process on `job`; `stop` ends a timed job early. */
export type StartClient = (job: SendJob) => { report: Promise<SendReport>; stop(): void };

type Setup = { db: Db; env: Env; where: { workspaceId: string; domainId: string }; ports: number[]; conns: number; startClient: StartClient };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends 3× the limit through every relay at once inside one calendar minute; how many were accepted. */
async function limitAcrossRelays({ db, env, where, ports, conns, startClient }: Setup) {
  const limit = 120;
  // The limit counts per calendar minute: start early in one so every send falls inside it.
  while (new Date().getUTCSeconds() > 15) await sleep(250);
  const creds = await createTestAccount(db, env, where, { sendLimitPerMinute: limit });
  const reports = await Promise.all(ports.map((port) => startClient({ port, conns: Math.max(1, Math.floor(conns / ports.length)), count: limit * 3, creds }).report));
  return { limit, accepted: reports.reduce((s, r) => s + r.ok, 0), perRelay: reports.map((r) => r.ok), stored: await db.message.count({ where: { accountId: creds.id } }) };
}

/**
 * Continuous sends through every relay; once both flow, resetPassword commits. Old-version rows
 * counted right after it returned, and again 2 s later: any growth was stored after the commit.
 */
async function resetAcrossRelays({ db, env, where, ports, conns, startClient }: Setup) {
  const creds = await createTestAccount(db, env, where);
  const clients = ports.map((port) => startClient({ port, conns: Math.max(1, Math.floor(conns / ports.length)), count: 0, creds, durationMs: 60_000 }));
  const flowing = Date.now() + 30_000;
  while ((await db.message.count({ where: { accountId: creds.id } })) < 200 && Date.now() < flowing) await sleep(50);
  const user = await db.user.create({ data: { issuer: "https://idp.bench", subject: creds.id, email: `owner-${creds.id}@acme.test`, name: "Bench" } });
  await resetPassword({
    db,
    env,
    workspaceId: where.workspaceId,
    accountId: creds.id,
    actor: { id: user.id, email: user.email, authTime: new Date(), meta: { ip: "127.0.0.1", userAgent: "bench" } },
  });
  const committedAt = Date.now();
  const oldRows = () => db.message.count({ where: { accountId: creds.id, passwordVersion: 1 } });
  const atCommit = await oldRows();
  await sleep(2000);
  for (const c of clients) c.stop();
  const reports = await Promise.all(clients.map((c) => c.report));
  return {
    storedWithOldVersionAfterReset: (await oldRows()) - atCommit,
    acceptedBeforeReset: atCommit,
    refusedAfterResetPerRelay: reports.map((r) => r.timeline!.filter(([t, ok]) => !ok && t > committedAt).length),
  };
}

/** Messages with more than one successful delivery, once the queue has drained (or after a minute). */
async function deliveredTwice(db: Db) {
  const drainBy = Date.now() + 60_000;
  let queued = await db.message.count({ where: { status: { in: ["queued", "deferred"] } } });
  while (queued > 0 && Date.now() < drainBy) {
    await sleep(1000);
    queued = await db.message.count({ where: { status: { in: ["queued", "deferred"] } } });
  }
  const twice = await db.$queryRaw<{ n: bigint }[]>`
    SELECT COUNT(*) AS n FROM (SELECT "messageId" FROM "DeliveryAttempt" WHERE "outcome" = 'delivered' GROUP BY "messageId" HAVING COUNT(*) > 1) AS t`;
  return {
    delivered: await db.message.count({ where: { status: "delivered" } }),
    stillQueued: queued,
    deliveredTwice: Number(twice[0]!.n),
    markedDuplicate: await db.deliveryAttempt.count({ where: { duplicate: true } }),
  };
}

export async function twoRelayChecks(setup: Setup) {
  const limit = await limitAcrossRelays(setup);
  console.log(`  two relays: a ${limit.limit}/min account sent ${limit.limit * 3} through each: ${limit.accepted} accepted (${limit.perRelay.join(" + ")}), ${limit.stored} stored (goal ${limit.limit})`);
  const reset = await resetAcrossRelays(setup);
  console.log(
    `  two relays: reset during sends through both: ${reset.storedWithOldVersionAfterReset} stored with the old version after it committed (goal 0); ` +
      `refused after it, per relay: ${reset.refusedAfterResetPerRelay.join(", ")}`,
  );
  const twice = await deliveredTwice(setup.db);
  console.log(
    `  two relays: ${twice.delivered} delivered, ${twice.deliveredTwice} delivered twice (goal 0), ${twice.markedDuplicate} attempts marked duplicate, ${twice.stillQueued} still queued`,
  );
  return { limit, reset, twice };
}
