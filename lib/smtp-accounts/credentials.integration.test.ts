// Reveal, reset and create as use cases, against a real database (SQLite, and PostgreSQL in CI): step-up, tenancy, rate
// limits, audit, and the reset's effect on what the relay checks.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { checkPassword } from "../credentials/verifier";
import type { Db } from "../db";
import type { Env } from "../env";
import { describeEachDatabase } from "../testing/each-database";
import type { Actor } from "./actor";
import { insertSmtpAccount } from "./insert-account";
import { createAccount } from "./create-account";
import { resetPassword } from "./reset-password";
import { revealCredentials } from "./reveal-credentials";

let env: Env;
let db: Db;
let acme: { id: string };
let globex: { id: string };
let accountId: string;
let password: string;

const actor = (overrides: Partial<Actor> = {}): Actor => ({
  id: `user_${randomBytes(4).toString("hex")}`,
  email: "admin@acme.test",
  authTime: new Date(),
  meta: { ip: "203.0.113.7", userAgent: "vitest" },
  ...overrides,
});

describeEachDatabase("revealing, resetting and creating credentials", { env: { CREDENTIALS_KEYS: `k1:${randomBytes(32).toString("base64")}`, REVEAL_RATE_LIMIT: "3", RESET_RATE_LIMIT: "2" }, prefix: "migosmtp-creds-" }, (current) => {
  beforeAll(async () => {
    ({ env, db } = current());
    acme = await db.workspace.create({ data: { slug: "acme", name: "Acme" } });
    globex = await db.workspace.create({ data: { slug: "globex", name: "Globex" } });
    const domain = await db.domain.create({ data: { workspaceId: acme.id, name: "acme.test", status: "verified", verificationToken: "t" } });
    const created = await insertSmtpAccount(db, env, { workspaceId: acme.id, domainId: domain.id, label: "App", fromAddress: "noreply@acme.test" });
    accountId = created.account.id;
    password = created.password;
  });

  describe("revealing credentials", () => {
    it("returns the six values and records who revealed them", async () => {
      const who = actor();
      const view = await revealCredentials({ db, env, workspaceId: acme.id, accountId, actor: who });
      expect(view).toMatchObject({ smtpHost: "localhost", smtpPort: 2587, smtpsPort: 2465, password, encryption: "TLS / STARTTLS", fromEmail: { value: "noreply@acme.test", help: null } });
      expect(view.reveals).toMatchObject({ count: 1, lastBy: "admin@acme.test" });
      const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "credentials.reveal", targetId: accountId } });
      expect(audit).toMatchObject({ actorId: who.id, ip: "203.0.113.7", userAgent: "vitest", workspaceId: acme.id });
      expect(audit.metadata ?? "").not.toContain(password);
    });

    it("asks for step-up when the IdP authentication is stale or unknown", async () => {
      for (const authTime of [new Date(Date.now() - (env.STEP_UP_MAX_AGE + 5) * 1000), null])
        await expect(revealCredentials({ db, env, workspaceId: acme.id, accountId, actor: actor({ authTime }) })).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
    });

    it("treats another workspace's account as not found", async () => {
      await expect(revealCredentials({ db, env, workspaceId: globex.id, accountId, actor: actor() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("is rate-limited per user", async () => {
      const who = actor();
      for (let i = 0; i < 3; i++) await revealCredentials({ db, env, workspaceId: acme.id, accountId, actor: who });
      await expect(revealCredentials({ db, env, workspaceId: acme.id, accountId, actor: who })).rejects.toMatchObject({ code: "RATE_LIMITED" });
      // Another admin is not affected.
      await expect(revealCredentials({ db, env, workspaceId: acme.id, accountId, actor: actor() })).resolves.toBeTruthy();
    });
  });

  describe("resetting a password", () => {
    it("replaces ciphertext and verifier and bumps the version in one step, with its audit record", async () => {
      const before = await db.smtpAccount.findUniqueOrThrow({ where: { id: accountId } });
      const view = await resetPassword({ db, env, workspaceId: acme.id, accountId, actor: actor() });
      const after = await db.smtpAccount.findUniqueOrThrow({ where: { id: accountId } });
      const key = Buffer.from(env.VERIFIER_KEY, "base64");
      expect(view.password).not.toBe(password);
      expect(after.passwordVersion).toBe(before.passwordVersion + 1);
      expect(checkPassword(password, after.passwordVerifier, key)).toBe(false);
      expect(checkPassword(view.password, after.passwordVerifier, key)).toBe(true);
      expect(await db.auditEvent.count({ where: { action: "credentials.reset", targetId: accountId } })).toBe(1);
    });

    it("answers CONFLICT to the second of two resets at once, so no one is handed a password that is already dead", async () => {
      const results = await Promise.allSettled([
        resetPassword({ db, env, workspaceId: acme.id, accountId, actor: actor({ id: "racer-1" }) }),
        resetPassword({ db, env, workspaceId: acme.id, accountId, actor: actor({ id: "racer-2" }) }),
      ]);
      const done = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as { code: string; message: string }] : []));
      expect(done).toHaveLength(1);
      expect(refused).toMatchObject([{ code: "CONFLICT", message: expect.stringContaining("reset a moment ago") }]);
      const after = await db.smtpAccount.findUniqueOrThrow({ where: { id: accountId } });
      expect(checkPassword(done[0]!.password, after.passwordVerifier, Buffer.from(env.VERIFIER_KEY, "base64"))).toBe(true);
    });

    it("is refused for a stale authentication and for another workspace, changing nothing", async () => {
      const before = await db.smtpAccount.findUniqueOrThrow({ where: { id: accountId } });
      await expect(resetPassword({ db, env, workspaceId: acme.id, accountId, actor: actor({ authTime: null }) })).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
      await expect(resetPassword({ db, env, workspaceId: globex.id, accountId, actor: actor() })).rejects.toMatchObject({ code: "NOT_FOUND" });
      const after = await db.smtpAccount.findUniqueOrThrow({ where: { id: accountId } });
      expect(after.passwordVerifier).toBe(before.passwordVerifier);
      expect(after.passwordVersion).toBe(before.passwordVersion);
    });

    it("is rate-limited per user", async () => {
      const who = actor();
      for (let i = 0; i < 2; i++) await resetPassword({ db, env, workspaceId: acme.id, accountId, actor: who });
      await expect(resetPassword({ db, env, workspaceId: acme.id, accountId, actor: who })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    });
  });

  describe("creating an account", () => {
    it("asks for step-up when the IdP authentication is stale or unknown, creating nothing", async () => {
      const before = await db.smtpAccount.count({ where: { workspaceId: acme.id } });
      for (const authTime of [new Date(Date.now() - (env.STEP_UP_MAX_AGE + 5) * 1000), null])
        await expect(createAccount({ db, env, workspaceId: acme.id, label: "Stale", from: "stale@acme.test", actor: actor({ authTime }) })).rejects.toMatchObject({
          code: "STEP_UP_REQUIRED",
        });
      expect(await db.smtpAccount.count({ where: { workspaceId: acme.id } })).toBe(before);
    });

    it("returns the new account's working password with a fresh authentication", async () => {
      const view = await createAccount({ db, env, workspaceId: acme.id, label: "Fresh", from: "fresh@acme.test", actor: actor() });
      const stored = await db.smtpAccount.findUniqueOrThrow({ where: { id: view.accountId } });
      expect(checkPassword(view.password, stored.passwordVerifier, Buffer.from(env.VERIFIER_KEY, "base64"))).toBe(true);
    });
  });
});
