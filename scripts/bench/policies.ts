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
import { median } from "./measure";

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

type Row = { database: string; conns: number; ratio: number; roundRatios: number[] };

/**
 * Per connection count, `other`'s ratio against `base`'s and the drop in per cent. The rows were
 * measured in the same rounds (bench-relay.ts `points`), whose order alternates: the variant run
 * second in a round is slower whichever it is (at one connection by 20–30 %: the disk is still
 * busy with the first one's writes). So the drop is taken per pair of rounds (one in each order),
 * as the mean of the pair's two drops, which cancels the order, and the median over the pairs; a
 * last unpaired round counts only when there is no pair.
 */
export function variantDrop(rows: readonly Row[], base: string, other: string) {
  return rows
    .filter((r) => r.database === base)
    .flatMap((plain) => {
      const variant = rows.find((r) => r.database === other && r.conns === plain.conns);
      if (!variant) return [];
      const drops = plain.roundRatios.map((ratio, i) => 1 - (variant.roundRatios[i] ?? NaN) / ratio);
      const pairs = Array.from({ length: Math.floor(drops.length / 2) }, (_, k) => (drops[2 * k]! + drops[2 * k + 1]!) / 2).sort((a, b) => a - b);
      const drop = pairs.length > 0 ? median(pairs) : drops[0]!;
      const percent = (d: number) => Number((d * 100).toFixed(1));
      return [
        {
          connections: plain.conns,
          ratioBase: Number(plain.ratio.toFixed(3)),
          ratioOther: Number(variant.ratio.toFixed(3)),
          dropPercent: percent(drop),
          roundDropsPercent: drops.map(percent),
          pairDropsPercent: pairs.map(percent),
        },
      ];
    });
}

/** The drop of `other` against `base` at each connection count, against a 5 % budget. */
export function dropReport(title: string, rows: readonly Row[], base: string, other: string) {
  const points = variantDrop(rows, base, other);
  console.log("");
  console.log(`${title} — ratio drop (median over pairs of rounds run in opposite orders), budget 5 %:`);
  for (const p of points)
    console.log(
      `  ${p.connections} conns: ratio ${p.ratioBase.toFixed(2)} ${base}, ${p.ratioOther.toFixed(2)} ${other}: ${p.dropPercent >= 0 ? "drop" : "gain"} ${Math.abs(p.dropPercent).toFixed(1)} % (rounds in order ${p.roundDropsPercent.join(", ")}; pairs ${p.pairDropsPercent.join(", ")})`,
    );
  return { points, worstDropPercent: Math.max(...points.map((p) => p.dropPercent)), budgetPercent: 5 };
}

/** Per connection count: the ratio without and with the policies, and the drop in per cent. */
export function policiesReport(rows: readonly Row[]) {
  return dropReport("All #17 policies on the account (allowlist, allowed senders, expiry, grace window)", rows, "SQLite", "SQLite+policies");
}
