// Rotate password, End grace now and show-once mode as use cases against a real database
// (SQLite, and PostgreSQL when TEST_DATABASE_URL is set): bounds, step-up, tenancy, audit and
// what each leaves in the columns the relay reads.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { checkPassword } from "../credentials/verifier";
import type { Db } from "../db";
import type { Env } from "../env";
import { describeEachDatabase } from "../testing/each-database";
import { testActor } from "../testing/test-actor";
import { endGrace } from "./end-grace";
import { insertSmtpAccount } from "./insert-account";
import { revealCredentials } from "./reveal-credentials";
import { rotatePassword } from "./rotate-password";
import { setShowPasswordsOnce } from "./set-show-once";

const actor = testActor;

describeEachDatabase("rotating with a grace window, ending it, and show-once mode", { prefix: "migosmtp-rotation-" }, (current) => {
  let db: Db;
  let env: Env;
  let acme: string;
  let globex: string;
  let domainId: string;
  const stale = () => actor({ authTime: new Date(Date.now() - (env.STEP_UP_MAX_AGE + 5) * 1000) });
  const account = async (workspaceId = acme) => insertSmtpAccount(db, env, { workspaceId, domainId, label: `app-${randomBytes(2).toString("hex")}`, fromAddress: null });

  beforeAll(async () => {
    ({ db, env } = current());
    acme = (await db.workspace.create({ data: { slug: "acme", name: "Acme" } })).id;
    globex = (await db.workspace.create({ data: { slug: "globex", name: "Globex" } })).id;
    domainId = (await db.domain.create({ data: { workspaceId: acme, name: "acme.test", status: "verified", verificationToken: "t" } })).id;
  });

  describe("rotating a password", () => {
    it("makes a new current password and keeps the old one as previous until the chosen deadline, audited", async () => {
      const { account: a, password } = await account();
      const now = new Date();
      const view = await rotatePassword({ db, env, workspaceId: acme, accountId: a.id, actor: actor(), graceSeconds: 7 * 86_400, now });
      const row = await db.smtpAccount.findUniqueOrThrow({ where: { id: a.id } });
      const key = Buffer.from(env.VERIFIER_KEY, "base64");
      expect(row).toMatchObject({ passwordVersion: 2, previousPasswordVersion: 1, graceEndsAt: new Date(now.getTime() + 7 * 86_400_000) });
      expect(checkPassword(view.password, row.passwordVerifier, key)).toBe(true);
      expect(checkPassword(password, row.previousPasswordVerifier, key)).toBe(true);
      expect(view.grace).toMatchObject({ previousVersion: 1, previousPassword: password, previousKept: true, endsAt: row.graceEndsAt!.toISOString() });
      const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "credentials.rotate", targetId: a.id } });
      expect(JSON.parse(audit.metadata!)).toEqual({ passwordVersion: 2, previousVersion: 1, graceEndsAt: row.graceEndsAt!.toISOString(), graceSeconds: 604_800 });
      expect(audit.metadata).not.toContain(password);
      expect(audit.metadata).not.toContain(view.password);
    });

    it("reveals both passwords during the grace window, with the old one's uses", async () => {
      const { account: a, password } = await account();
      const rotated = await rotatePassword({ db, env, workspaceId: acme, accountId: a.id, actor: actor(), graceSeconds: 3600 });
      await db.loginEvent.create({ data: { workspaceId: acme, accountId: a.id, username: a.username, clientIp: "198.51.100.4", method: "LOGIN", passwordVersion: 1, success: true, credential: "previous" } });
      await db.loginEvent.create({ data: { workspaceId: acme, accountId: a.id, username: a.username, clientIp: "198.51.100.5", method: "LOGIN", passwordVersion: 2, success: true, credential: "current" } });
      const view = await revealCredentials({ db, env, workspaceId: acme, accountId: a.id, actor: actor() });
      expect(view.password).toBe(rotated.password);
      expect(view.grace).toMatchObject({ previousPassword: password, useCount: 1, uses: [{ clientIp: "198.51.100.4", method: "LOGIN" }] });
    });

    it("refuses a grace window outside 1 hour to 30 days, a stale sign-in and another workspace's account", async () => {
      const { account: a } = await account();
      for (const graceSeconds of [60, 31 * 86_400]) await expect(rotatePassword({ db, env, workspaceId: acme, accountId: a.id, actor: actor(), graceSeconds })).rejects.toThrow(/grace window/);
      await expect(rotatePassword({ db, env, workspaceId: acme, accountId: a.id, actor: stale(), graceSeconds: 3600 })).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
      await expect(rotatePassword({ db, env, workspaceId: globex, accountId: a.id, actor: actor(), graceSeconds: 3600 })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect((await db.smtpAccount.findUniqueOrThrow({ where: { id: a.id } })).passwordVersion).toBe(1);
    });

    it("keeps only the newest previous password when rotating again during a grace window", async () => {
      const { account: a } = await account();
      const first = await rotatePassword({ db, env, workspaceId: acme, accountId: a.id, actor: actor(), graceSeconds: 3600 });
      await rotatePassword({ db, env, workspaceId: acme, accountId: a.id, actor: actor(), graceSeconds: 3600 });
      const row = await db.smtpAccount.findUniqueOrThrow({ where: { id: a.id } });
      expect(row).toMatchObject({ passwordVersion: 3, previousPasswordVersion: 2 });
      expect(checkPassword(first.password, row.previousPasswordVerifier, Buffer.from(env.VERIFIER_KEY, "base64"))).toBe(true);
    });
  });

  describe("ending a grace window", () => {
    it("clears the previous password at once, audited; a second call says there is nothing to end", async () => {
      const { account: a } = await account();
      await rotatePassword({ db, env, workspaceId: acme, accountId: a.id, actor: actor(), graceSeconds: 3600 });
      await expect(endGrace({ db, env, workspaceId: acme, accountId: a.id, actor: actor() })).resolves.toEqual({ endedVersion: 1 });
      expect(await db.smtpAccount.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ previousPasswordVerifier: null, previousPasswordCiphertext: null, previousPasswordVersion: null, graceEndsAt: null });
      expect(await db.auditEvent.count({ where: { action: "credentials.grace_end", targetId: a.id } })).toBe(1);
      await expect(endGrace({ db, env, workspaceId: acme, accountId: a.id, actor: actor() })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/no grace window/) });
    });

    it("asks for a fresh sign-in and treats another workspace's account as not found", async () => {
      const { account: a } = await account();
      await rotatePassword({ db, env, workspaceId: acme, accountId: a.id, actor: actor(), graceSeconds: 3600 });
      await expect(endGrace({ db, env, workspaceId: acme, accountId: a.id, actor: stale() })).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
      await expect(endGrace({ db, env, workspaceId: globex, accountId: a.id, actor: actor() })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect((await db.smtpAccount.findUniqueOrThrow({ where: { id: a.id } })).previousPasswordVersion).toBe(1);
    });
  });

  describe("show-once mode", () => {
    it("turns on without a fresh sign-in, deleting every ciphertext of the workspace and no other's, audited", async () => {
      const ws = (await db.workspace.create({ data: { slug: "once", name: "Once" } })).id;
      const d = await db.domain.create({ data: { workspaceId: ws, name: "once.test", status: "verified", verificationToken: "t" } });
      const { account: a } = await insertSmtpAccount(db, env, { workspaceId: ws, domainId: d.id, label: "a", fromAddress: null });
      await rotatePassword({ db, env, workspaceId: ws, accountId: a.id, actor: actor(), graceSeconds: 3600 });
      const elsewhere = await db.smtpAccount.count({ where: { workspaceId: acme, passwordCiphertext: { not: null } } });

      await expect(setShowPasswordsOnce({ db, env, workspaceId: ws, enabled: true, actor: stale() })).resolves.toEqual({ enabled: true, forgotten: 2 });
      expect(await db.smtpAccount.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ passwordCiphertext: null, previousPasswordCiphertext: null });
      expect(await db.smtpAccount.count({ where: { workspaceId: acme, passwordCiphertext: { not: null } } })).toBe(elsewhere);
      expect(JSON.parse((await db.auditEvent.findFirstOrThrow({ where: { action: "workspace.show_once.enable", workspaceId: ws } })).metadata!)).toEqual({ ciphertextsDeleted: 2 });
      await expect(revealCredentials({ db, env, workspaceId: ws, accountId: a.id, actor: actor() })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/shows passwords only once/) });
      const created = await insertSmtpAccount(db, env, { workspaceId: ws, domainId: d.id, label: "b", fromAddress: null });
      expect(created.showOnce).toBe(true);
      expect((await db.smtpAccount.findUniqueOrThrow({ where: { id: created.account.id } })).passwordCiphertext).toBeNull();

      // Off widens access: a fresh sign-in first; passwords made afterwards are kept again.
      await expect(setShowPasswordsOnce({ db, env, workspaceId: ws, enabled: false, actor: stale() })).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
      await expect(setShowPasswordsOnce({ db, env, workspaceId: ws, enabled: false, actor: actor() })).resolves.toEqual({ enabled: false, forgotten: 0 });
      // Already off: a no-op widens nothing, so even a stale sign-in hears CONFLICT, not step-up.
      await expect(setShowPasswordsOnce({ db, env, workspaceId: ws, enabled: false, actor: stale() })).rejects.toMatchObject({ code: "CONFLICT" });
      const later = await insertSmtpAccount(db, env, { workspaceId: ws, domainId: d.id, label: "c", fromAddress: null });
      expect((await db.smtpAccount.findUniqueOrThrow({ where: { id: later.account.id } })).passwordCiphertext).not.toBeNull();
      expect((await db.smtpAccount.findUniqueOrThrow({ where: { id: a.id } })).passwordCiphertext).toBeNull();
      expect(await db.auditEvent.count({ where: { action: "workspace.show_once.disable", workspaceId: ws } })).toBe(1);
    });
  });
});
