// Re-encrypts every stored secret (SMTP passwords, DKIM private keys, webhook signing secrets) under the active key —
// the first of CREDENTIALS_KEYS — in small transactions, so old keys can then be retired.
import type { Db } from "../db";
import { endpointSecretAad } from "../webhooks/endpoint-secret";
import { type CredentialKey, decryptSecret, encryptSecret, keyIdOf } from "./encryption";

export type RotationReport = { reencrypted: number; alreadyCurrent: number; byKeyBefore: Record<string, number> };

const BATCH = 200;

/** One table's encrypted column, read and rewritten in id order. */
type SecretTable = {
  page(after: string | undefined): Promise<{ id: string; blob: string }[]>;
  /** Writes `next` only if the row still holds `blob` (a concurrent change already used the active key). */
  rewrite(tx: Tx, id: string, blob: string, next: string): Promise<number>;
  /** The associated data the row's secret was encrypted with (default: the row id). */
  aad?: (id: string) => string;
};
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export async function reencryptAll(db: Db, keys: CredentialKey[]): Promise<RotationReport> {
  const active = keys[0]!.id;
  const report: RotationReport = { reencrypted: 0, alreadyCurrent: 0, byKeyBefore: {} };
  const count = (blob: string) => {
    const kid = keyIdOf(blob) ?? "?";
    report.byKeyBefore[kid] = (report.byKeyBefore[kid] ?? 0) + 1;
    return kid;
  };
  const page = { orderBy: { id: "asc" as const }, take: BATCH };
  const after = (cursor: string | undefined) => ({ where: cursor ? { id: { gt: cursor } } : {} });
  // Show-once accounts keep no ciphertext (null): the filter is in the query, so a page of them
  // does not end the scan early.
  const kept = (cursor: string | undefined) => (cursor ? { id: { gt: cursor } } : {});
  const tables: SecretTable[] = [
    {
      page: async (cursor) =>
        (await db.smtpAccount.findMany({ select: { id: true, passwordCiphertext: true }, ...page, where: { ...kept(cursor), passwordCiphertext: { not: null } } })).map((r) => ({ id: r.id, blob: r.passwordCiphertext! })),
      rewrite: async (tx, id, blob, next) => (await tx.smtpAccount.updateMany({ where: { id, passwordCiphertext: blob }, data: { passwordCiphertext: next } })).count,
    },
    {
      // A planned rotation's previous password, kept until its grace window ends (same account id as associated data).
      page: async (cursor) =>
        (await db.smtpAccount.findMany({ select: { id: true, previousPasswordCiphertext: true }, ...page, where: { ...kept(cursor), previousPasswordCiphertext: { not: null } } })).map((r) => ({ id: r.id, blob: r.previousPasswordCiphertext! })),
      rewrite: async (tx, id, blob, next) => (await tx.smtpAccount.updateMany({ where: { id, previousPasswordCiphertext: blob }, data: { previousPasswordCiphertext: next } })).count,
    },
    {
      page: async (cursor) =>
        (await db.dkimKey.findMany({ select: { id: true, privateKeyCiphertext: true }, ...page, ...after(cursor) })).map((r) => ({ id: r.id, blob: r.privateKeyCiphertext })),
      rewrite: async (tx, id, blob, next) => (await tx.dkimKey.updateMany({ where: { id, privateKeyCiphertext: blob }, data: { privateKeyCiphertext: next } })).count,
    },
    {
      page: async (cursor) =>
        (await db.webhookEndpoint.findMany({ select: { id: true, secretCiphertext: true }, ...page, ...after(cursor) })).map((r) => ({ id: r.id, blob: r.secretCiphertext })),
      rewrite: async (tx, id, blob, next) => (await tx.webhookEndpoint.updateMany({ where: { id, secretCiphertext: blob }, data: { secretCiphertext: next } })).count,
      aad: endpointSecretAad,
    },
  ];

  for (const table of tables) {
    for (let cursor: string | undefined; ; ) {
      const rows = await table.page(cursor);
      if (rows.length === 0) break;
      cursor = rows.at(-1)!.id;
      const stale = rows.filter((r) => count(r.blob) !== active);
      report.alreadyCurrent += rows.length - stale.length;
      await db.$transaction(async (tx) => {
        for (const r of stale) {
          const aad = table.aad?.(r.id) ?? r.id;
          report.reencrypted += await table.rewrite(tx, r.id, r.blob, encryptSecret(decryptSecret(r.blob, aad, keys), aad, keys));
        }
      });
    }
  }
  return report;
}

/** Key ids still used by some stored secret (retiring any of them would lose data). */
export async function keyIdsInUse(db: Db): Promise<Set<string>> {
  const used = new Set<string>();
  for (const r of await db.smtpAccount.findMany({ select: { passwordCiphertext: true, previousPasswordCiphertext: true } }))
    for (const blob of [r.passwordCiphertext, r.previousPasswordCiphertext]) if (blob !== null) used.add(keyIdOf(blob) ?? "?");
  for (const r of await db.dkimKey.findMany({ select: { privateKeyCiphertext: true } })) used.add(keyIdOf(r.privateKeyCiphertext) ?? "?");
  for (const r of await db.webhookEndpoint.findMany({ select: { secretCiphertext: true } })) used.add(keyIdOf(r.secretCiphertext) ?? "?");
  return used;
}
