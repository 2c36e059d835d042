import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { Db } from "../db";
import type { Env } from "../env";
import { describeEachDatabase } from "../testing/each-database";
import { insertSmtpAccount } from "../smtp-accounts/insert-account";
import { decryptSecret, encryptSecret, keyIdOf } from "./encryption";
import { keyIdsInUse, reencryptAll } from "./rotate-keys";

const oldKey = { id: "old", key: randomBytes(32) };
const newKey = { id: "new", key: randomBytes(32) };

describeEachDatabase("credential key rotation", { env: { CREDENTIALS_KEYS: `old:${oldKey.key.toString("base64")}` }, prefix: "migosmtp-rotate-" }, (current) => {
  let db: Db;
  let env: Env;
  beforeAll(() => ({ db, env } = current()));

  it("re-encrypts every password under the new active key, keeping each password", async () => {
    const ws = await db.workspace.create({ data: { slug: "rot", name: "Rot" } });
    const domain = await db.domain.create({ data: { workspaceId: ws.id, name: "rot.test", status: "verified", verificationToken: "t" } });
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await insertSmtpAccount(db, env, { workspaceId: ws.id, domainId: domain.id, label: `a${i}`, fromAddress: null }));

    const report = await reencryptAll(db, [newKey, oldKey]);
    expect(report.reencrypted).toBe(5);
    expect(report.byKeyBefore).toEqual({ old: 5 });
    for (const { account, password } of created) {
      const row = await db.smtpAccount.findUniqueOrThrow({ where: { id: account.id } });
      expect(keyIdOf(row.passwordCiphertext!)).toBe("new");
      expect(decryptSecret(row.passwordCiphertext!, row.id, [newKey])).toBe(password);
    }
    expect(await keyIdsInUse(db)).toEqual(new Set(["new"]));
  });

  it("is a no-op when everything is already under the active key", async () => {
    const report = await reencryptAll(db, [newKey, oldKey]);
    expect(report.reencrypted).toBe(0);
    expect(report.alreadyCurrent).toBe(5);
  });

  it("re-encrypts a planned rotation's previous password too, and skips show-once accounts that keep none", async () => {
    const ws = await db.workspace.create({ data: { slug: "grace", name: "Grace" } });
    const domain = await db.domain.create({ data: { workspaceId: ws.id, name: "grace.test", status: "verified", verificationToken: "t" } });
    const { account } = await insertSmtpAccount(db, env, { workspaceId: ws.id, domainId: domain.id, label: "rotated", fromAddress: null });
    await db.smtpAccount.update({
      where: { id: account.id },
      data: { previousPasswordCiphertext: encryptSecret("the-previous-one", account.id, [oldKey]), previousPasswordVerifier: "v", previousPasswordVersion: 1, graceEndsAt: new Date(Date.now() + 3_600_000) },
    });
    const shownOnce = await insertSmtpAccount(db, env, { workspaceId: ws.id, domainId: domain.id, label: "show-once", fromAddress: null });
    await db.smtpAccount.update({ where: { id: shownOnce.account.id }, data: { passwordCiphertext: null } });
    expect(await keyIdsInUse(db)).toEqual(new Set(["new", "old"]));

    const report = await reencryptAll(db, [newKey, oldKey]);
    const row = await db.smtpAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(keyIdOf(row.previousPasswordCiphertext!)).toBe("new");
    expect(decryptSecret(row.previousPasswordCiphertext!, row.id, [newKey])).toBe("the-previous-one");
    expect(report.byKeyBefore.old).toBe(2);
    expect(await keyIdsInUse(db)).toEqual(new Set(["new"]));
  });
});
