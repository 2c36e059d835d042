// Planned rotation through the real use cases and the relay over real sockets, on SQLite and
// PostgreSQL: the previous password works during its grace window and is refused within 5 s of
// the deadline (on a new AUTH and on an open session), at once after End grace or a Reset; in
// show-once mode the database keeps no ciphertext of the workspace.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import type { Env } from "../lib/env";
import { endGrace } from "../lib/smtp-accounts/end-grace";
import { resetPassword } from "../lib/smtp-accounts/reset-password";
import { rotatePassword } from "../lib/smtp-accounts/rotate-password";
import { setShowPasswordsOnce } from "../lib/smtp-accounts/set-show-once";
import { testActor } from "../lib/testing/test-actor";
import { databaseKinds } from "../lib/testing/test-database";
import { RawSmtp } from "./raw-smtp";
import { startRelayOn } from "./running-relay";
import type { Relay } from "./server";
import { createTestAccount, seedWorkspace, type Testbed } from "./testbed";

const OK = "235 2.7.0 Authentication successful";
const INVALID = "535 5.7.8 Authentication credentials invalid";
/** The bound on how late the relay may still honour an ended grace window. */
const DEADLINE_SLACK_MS = 5000;

const actor = () => testActor();
const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

for (const kind of databaseKinds())
  describe(`rotation with a grace window, through the relay (${kind})`, () => {
    let bed: Testbed;
    let db: Db;
    let env: Env;
    let stop: (() => Promise<void>) | undefined;
    let relay: Relay;
    let where: { workspaceId: string; domainId: string };

    beforeAll(async () => {
      ({ stop, bed, db, env, where, relay } = await startRelayOn(kind, { AUTH_MAX_FAILURES: "1000", AUTH_IP_MAX_FAILURES: "1000" }));
    }, 120_000);

    afterAll(() => stop?.());

    const secured = () => RawSmtp.secured({ port: relay.ports().starttls, ca: bed.certPem });
    const login = async (username: string, password: string) => {
      const c = await secured();
      const reply = await c.authLogin(username, password);
      return { c, reply };
    };
    const tryLogin = async (username: string, password: string) => {
      const { c, reply } = await login(username, password);
      c.close();
      return reply;
    };
    const rotate = (accountId: string, graceSeconds = 3600, workspaceId = where.workspaceId) => rotatePassword({ db, env, workspaceId, accountId, actor: actor(), graceSeconds });
    const send = async (c: RawSmtp, subject: string) => {
      expect((await c.command("MAIL FROM:<a@acme.test>"))[0]).toMatch(/^250 /);
      expect((await c.command("RCPT TO:<b@example.com>"))[0]).toMatch(/^250 /);
      expect((await c.command("DATA"))[0]).toMatch(/^354 /);
      return (await c.command(`From: a@acme.test\r\nSubject: ${subject}\r\n\r\nbody\r\n.`))[0]!;
    };

    it("accepts the old password during the grace window, records which password authenticated, and stores mail under that version", async () => {
      const creds = await createTestAccount(db, env, where);
      const view = await rotate(creds.id);
      expect(view.grace).toMatchObject({ previousVersion: 1, previousPassword: creds.password, useCount: 0 });

      const old = await login(creds.username, creds.password);
      expect(old.reply).toBe(OK);
      expect(await send(old.c, "with the old password")).toMatch(/^250 /);
      old.c.close();
      expect(await tryLogin(creds.username, view.password)).toBe(OK);

      const events = await db.loginEvent.findMany({ where: { accountId: creds.id, success: true }, orderBy: { createdAt: "asc" } });
      expect(events.map((e) => [e.credential, e.passwordVersion])).toEqual([
        ["previous", 1],
        ["current", 2],
      ]);
      const message = await db.message.findFirstOrThrow({ where: { accountId: creds.id } });
      expect(message.passwordVersion).toBe(1);
    });

    it("refuses the old password within 5 s of the deadline, on a new AUTH and on open sessions", async () => {
      const creds = await createTestAccount(db, env, where);
      const view = await rotate(creds.id);
      // A short grace set directly in the database: the use case's minimum is an hour.
      const deadline = Date.now() + 2500;
      await db.smtpAccount.update({ where: { id: creds.id }, data: { graceEndsAt: new Date(deadline) } });

      const idle = await login(creds.username, creds.password);
      expect(idle.reply).toBe(OK);
      expect((await idle.c.command("MAIL FROM:<a@acme.test>"))[0]).toMatch(/^250 /);
      // A second session is inside DATA when the deadline passes.
      const sending = await login(creds.username, creds.password);
      expect(sending.reply).toBe(OK);
      expect((await sending.c.command("MAIL FROM:<a@acme.test>"))[0]).toMatch(/^250 /);
      expect((await sending.c.command("RCPT TO:<b@example.com>"))[0]).toMatch(/^250 /);
      expect((await sending.c.command("DATA"))[0]).toMatch(/^354 /);

      await sleepUntil(deadline);
      // The open session's next command, then a new AUTH, then the message that was being written.
      expect(await idle.c.command("RCPT TO:<b@example.com>")).toEqual([INVALID]);
      expect((await idle.c.command("MAIL FROM:<a@acme.test>"))[0]).toMatch(/^530 /);
      expect(await tryLogin(creds.username, creds.password)).toBe(INVALID);
      expect(await sending.c.command("From: a@acme.test\r\nSubject: late\r\n\r\nbody\r\n.")).toEqual([INVALID]);
      expect(Date.now() - deadline).toBeLessThan(DEADLINE_SLACK_MS);
      idle.c.close();
      sending.c.close();

      expect(await tryLogin(creds.username, view.password)).toBe(OK);
      expect(await db.message.count({ where: { accountId: creds.id } })).toBe(0);
      const refused = await db.loginEvent.findFirstOrThrow({ where: { accountId: creds.id, success: false }, orderBy: { createdAt: "desc" } });
      expect(refused).toMatchObject({ reason: "bad_credentials", credential: null });
    });

    it("ends the old password at once with End grace now, for new AUTHs and open sessions", async () => {
      const creds = await createTestAccount(db, env, where);
      const view = await rotate(creds.id);
      const open = await login(creds.username, creds.password);
      expect(open.reply).toBe(OK);

      await endGrace({ db, env, workspaceId: where.workspaceId, accountId: creds.id, actor: actor() });
      expect(await open.c.command("MAIL FROM:<a@acme.test>")).toEqual([INVALID]);
      open.c.close();
      expect(await tryLogin(creds.username, creds.password)).toBe(INVALID);
      expect(await tryLogin(creds.username, view.password)).toBe(OK);
      expect(await db.auditEvent.count({ where: { action: "credentials.grace_end", targetId: creds.id } })).toBe(1);
    });

    it("refuses both old passwords after a Reset during the grace window", async () => {
      const creds = await createTestAccount(db, env, where);
      const rotated = await rotate(creds.id);
      const before = await login(creds.username, creds.password);
      expect(before.reply).toBe(OK);

      const reset = await resetPassword({ db, env, workspaceId: where.workspaceId, accountId: creds.id, actor: actor() });
      expect(await before.c.command("MAIL FROM:<a@acme.test>")).toEqual([INVALID]);
      before.c.close();
      expect(await tryLogin(creds.username, creds.password)).toBe(INVALID);
      expect(await tryLogin(creds.username, rotated.password)).toBe(INVALID);
      expect(await tryLogin(creds.username, reset.password)).toBe(OK);
      const row = await db.smtpAccount.findUniqueOrThrow({ where: { id: creds.id } });
      expect(row).toMatchObject({ passwordVersion: 3, previousPasswordVerifier: null, previousPasswordVersion: null, graceEndsAt: null, previousPasswordCiphertext: null });
    });

    it("keeps no ciphertext of a show-once workspace, while its passwords still authenticate", async () => {
      const other = await seedWorkspace(db);
      const kept = await createTestAccount(db, env, other);
      const rotated = await rotate(kept.id, 3600, other.workspaceId);
      const ciphertexts = await db.smtpAccount.count({ where: { workspaceId: other.workspaceId, passwordCiphertext: { not: null }, previousPasswordCiphertext: { not: null } } });
      expect(ciphertexts).toBe(1);

      const switched = await setShowPasswordsOnce({ db, env, workspaceId: other.workspaceId, enabled: true, actor: actor() });
      expect(switched.forgotten).toBe(2);
      // Passwords made afterwards are shown once and never stored: a rotation and a reset.
      const again = await rotate(kept.id, 3600, other.workspaceId);
      expect(again).toMatchObject({ passwordKept: false, grace: { previousKept: false, previousPassword: null } });
      const fresh = await createTestAccount(db, env, other);
      const reset = await resetPassword({ db, env, workspaceId: other.workspaceId, accountId: fresh.id, actor: actor() });
      expect(reset.passwordKept).toBe(false);

      const rows = await db.smtpAccount.findMany({ where: { workspaceId: other.workspaceId }, select: { passwordCiphertext: true, previousPasswordCiphertext: true } });
      expect(rows).toEqual([
        { passwordCiphertext: null, previousPasswordCiphertext: null },
        { passwordCiphertext: null, previousPasswordCiphertext: null },
      ]);
      expect(await tryLogin(kept.username, again.password)).toBe(OK);
      expect(await tryLogin(kept.username, rotated.password)).toBe(OK);
      expect(await tryLogin(fresh.username, reset.password)).toBe(OK);

      if (kind === "SQLite") {
        const file = env.DATABASE_URL.replace(/^file:/, "");
        const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
        for (const password of [kept.password, rotated.password, again.password, fresh.password, reset.password]) expect(bytes.includes(password)).toBe(false);
        // Sanity of the grep itself: the usernames are in the same rows.
        expect(bytes.includes(kept.username)).toBe(true);
      }
    });
  });
