// For integration tests: an in-process relay on a fresh database of either kind, with one
// seeded workspace (verified domain), stopped and dropped by `stop()`.
import pino from "pino";
import type { DatabaseKind } from "../lib/testing/test-database";
import { createRelayStore } from "./create-relay-store";
import { createRelay } from "./server";
import { createTestbedOn, seedWorkspace } from "./testbed";

export async function startRelayOn(kind: DatabaseKind, overrides: Record<string, string> = {}) {
  const { bed, db, drop } = await createTestbedOn(kind, { LOG_LEVEL: "silent", ...overrides });
  const where = await seedWorkspace(db);
  const store = await createRelayStore(bed.env, db);
  const relay = createRelay({ env: bed.env, db, store, logger: pino({ level: "silent" }), shutdownGraceMs: 1000 });
  await relay.listen();
  const stop = async () => {
    await relay.close();
    await store.close();
    await drop();
  };
  return { bed, env: bed.env, db, where, store, relay, stop };
}

export type RunningRelay = Awaited<ReturnType<typeof startRelayOn>>;
