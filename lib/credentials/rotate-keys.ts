// Re-encrypts every stored secret (SMTP passwords, DKIM private keys) under the active key —
// the first of CREDENTIALS_KEYS — in small transactions, so old keys can then be retired.
import type { Db } from "../db";
import { type CredentialKey, decryptSecret, encryptSecret, keyIdOf } from "./encryption";

export type RotationReport = { reencrypted: number; alreadyCurrent: number; byKeyBefore: Record<string, number> };

const BATCH = 200;

export async function reencryptAll(db: Db, keys: CredentialKey[]): Promise<RotationReport> {
  const active = keys[0]!.id;
  const report: RotationReport = { reencrypted: 0, alreadyCurrent: 0, byKeyBefore: {} };
  const count = (blob: string) => {
    const kid = keyIdOf(blob) ?? "?";
    report.byKeyBefore[kid] = (report.byKeyBefore[kid] ?? 0) + 1;
    return kid;
  };

  for (let cursor: string | undefined; ; ) {
    const rows = await db.smtpAccount.findMany({
      select: { id: true, passwordCiphertext: true },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (rows.length === 0) break;
    cursor = rows.at(-1)!.id;
    const stale = rows.filter((r) => count(r.passwordCiphertext) !== active);
    report.alreadyCurrent += rows.length - stale.length;
    await db.$transaction(async (tx) => {
      for (const r of stale) {
        const plain = decryptSecret(r.passwordCiphertext, r.id, keys);
        // Only if unchanged meanwhile: a concurrent reset already wrote under the active key.
        const { count: updated } = await tx.smtpAccount.updateMany({
          where: { id: r.id, passwordCiphertext: r.passwordCiphertext },
          data: { passwordCiphertext: encryptSecret(plain, r.id, keys) },
        });
        report.reencrypted += updated;
      }
    });
  }

  for (let cursor: string | undefined; ; ) {
    const rows = await db.dkimKey.findMany({
      select: { id: true, privateKeyCiphertext: true },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (rows.length === 0) break;
    cursor = rows.at(-1)!.id;
    const stale = rows.filter((r) => count(r.privateKeyCiphertext) !== active);
    report.alreadyCurrent += rows.length - stale.length;
    await db.$transaction(async (tx) => {
      for (const r of stale) {
        const plain = decryptSecret(r.privateKeyCiphertext, r.id, keys);
        const { count: updated } = await tx.dkimKey.updateMany({
          where: { id: r.id, privateKeyCiphertext: r.privateKeyCiphertext },
          data: { privateKeyCiphertext: encryptSecret(plain, r.id, keys) },
        });
        report.reencrypted += updated;
      }
    });
  }
  return report;
}

/** Key ids still used by some stored secret (retiring any of them would lose data). */
export async function keyIdsInUse(db: Db): Promise<Set<string>> {
  const used = new Set<string>();
  for (const r of await db.smtpAccount.findMany({ select: { passwordCiphertext: true } })) used.add(keyIdOf(r.passwordCiphertext) ?? "?");
  for (const r of await db.dkimKey.findMany({ select: { privateKeyCiphertext: true } })) used.add(keyIdOf(r.privateKeyCiphertext) ?? "?");
  return used;
}
