// The relay benchmark's `--policies` option: one account with every policy of issue #17 set —
// an IP allowlist holding 127.0.0.1 (where the benchmark clients connect from), an allowed-senders
// list matching the benchmark's sender, an expiry a year away, and a planned-rotation grace
// window with a previous password written directly — and the ratio's drop against the plain
// account at each connection count (budget: 5 %).
import { randomBytes } from "node:crypto";
import { computeVerifier } from "../../lib/credentials/verifier";
import type { Db } from "../../lib/db";
import type { Env } from "../../lib/env";
import type { Creds } from "../../relay/testbed";

export async function setAllPolicies(db: Db, env: Pick<Env, "VERIFIER_KEY">, creds: Creds): Promise<Creds> {
  await db.smtpAccount.update({
    where: { id: creds.id },
    data: {
      ipAllowlist: "10.0.0.0/8\n127.0.0.1/32\n2001:db8::/32",
      allowedSenders: "alerts+*@acme.test\nbench@acme.test",
      expiresAt: new Date(Date.now() + 365 * 86_400_000),
      previousPasswordVerifier: computeVerifier(randomBytes(24).toString("base64url"), Buffer.from(env.VERIFIER_KEY, "base64")),
      previousPasswordVersion: 0,
      graceEndsAt: new Date(Date.now() + 3_600_000),
    },
  });
  return creds;
}

type Row = { database: string; conns: number; ratio: number };

/** Per connection count: the ratio without and with the policies, and the drop in per cent. */
export function policiesReport(rows: readonly Row[]) {
  const points = rows
    .filter((r) => r.database === "SQLite")
    .map((plain) => {
      const withPolicies = rows.find((r) => r.database === "SQLite+policies" && r.conns === plain.conns)!;
      return { connections: plain.conns, ratioWithout: Number(plain.ratio.toFixed(3)), ratioWith: Number(withPolicies.ratio.toFixed(3)), dropPercent: Number(((1 - withPolicies.ratio / plain.ratio) * 100).toFixed(1)) };
    });
  console.log("");
  console.log("All #17 policies on the account (allowlist, allowed senders, expiry, grace window) — ratio drop, budget 5 %:");
  for (const p of points) console.log(`  ${p.connections} conns: ratio ${p.ratioWithout.toFixed(2)} without, ${p.ratioWith.toFixed(2)} with: ${p.dropPercent >= 0 ? "drop" : "gain"} ${Math.abs(p.dropPercent).toFixed(1)} %`);
  return { points, worstDropPercent: Math.max(...points.map((p) => p.dropPercent)), budgetPercent: 5 };
}
