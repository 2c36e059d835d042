// What /api/health reports: the database answers a query and the relay greets on its port.
import type { Db } from "../db";
import type { Env } from "../env";
import { smtpGreets } from "./smtp-probe";

export type Health = { status: "ok" | "degraded"; database: "ok" | "down"; relay: "ok" | "down" };

export async function checkHealth(db: Db, env: Env): Promise<Health> {
  const [database, relay] = await Promise.all([
    db.$queryRawUnsafe("SELECT 1").then(
      () => "ok" as const,
      () => "down" as const,
    ),
    smtpGreets(env.RELAY_HOST === "0.0.0.0" ? "127.0.0.1" : env.RELAY_HOST, env.RELAY_PORT).then((ok) => (ok ? ("ok" as const) : ("down" as const))),
  ]);
  return { status: database === "ok" && relay === "ok" ? "ok" : "degraded", database, relay };
}
