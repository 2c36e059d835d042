// Issue #17's access policies through a real relay on each database: an IP allowlist (the test
// client picks its source address, 127.0.0.1 or 127.0.0.2), an allowed-senders list on the
// header From, and expiry — refused on AUTH with the wrong-password reply and a LoginEvent
// naming the reason, and on an open session at its next transaction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import type { Env } from "../lib/env";
import { databaseKinds } from "../lib/testing/test-database";
import { RawSmtp } from "./raw-smtp";
import { startRelayOn } from "./running-relay";
import type { Relay } from "./server";
import { createTestAccount, type Creds } from "./testbed";

const WRONG_PASSWORD = "535 5.7.8 Authentication credentials invalid";

for (const kind of databaseKinds())
  describe(`access policies on the relay (${kind})`, () => {
    let stop: (() => Promise<void>) | undefined;
    let env: Env;
    let db: Db;
    let relay: Relay;
    let certPem: string;
    let where: { workspaceId: string; domainId: string };

    beforeAll(async () => {
      ({ stop, env, db, where, relay, bed: { certPem } } = await startRelayOn(kind, { AUTH_MAX_FAILURES: "50", AUTH_IP_MAX_FAILURES: "1000" }));
    }, 120_000);

    afterAll(() => stop?.());

    const from = (localAddress: string) => RawSmtp.secured({ port: relay.ports().starttls, ca: certPem, localAddress });
    const account = async (data: Parameters<Db["smtpAccount"]["update"]>[0]["data"] = {}): Promise<Creds> => {
      const creds = await createTestAccount(db, env, where);
      await db.smtpAccount.update({ where: { id: creds.id }, data });
      return creds;
    };
    /** Signed in from 127.0.0.1, through MAIL FROM `sender` and one RCPT TO, ready for the message. */
    const atData = async (creds: Creds, sender: string) => {
      const session = await from("127.0.0.1");
      expect(await session.authLogin(creds.username, creds.password)).toBe("235 2.7.0 Authentication successful");
      expect((await session.command(`MAIL FROM:<${sender}>`))[0]).toMatch(/^250 /);
      expect((await session.command("RCPT TO:<someone@example.com>"))[0]).toMatch(/^250 /);
      expect((await session.command("DATA"))[0]).toMatch(/^354 /);
      return session;
    };
    const lastLogin = (accountId: string) => db.loginEvent.findFirst({ where: { accountId }, orderBy: { createdAt: "desc" }, select: { success: true, reason: true, clientIp: true } });

    it("refuses AUTH from an address outside the allowlist with the wrong-password reply, and records ip_not_allowed", async () => {
      const creds = await account({ ipAllowlist: "127.0.0.1/32" });
      const outside = await from("127.0.0.2");
      expect(await outside.authLogin(creds.username, creds.password)).toBe(WRONG_PASSWORD);
      outside.close();
      expect(await lastLogin(creds.id)).toEqual({ success: false, reason: "ip_not_allowed", clientIp: "127.0.0.2" });

      const inside = await from("127.0.0.1");
      expect(await inside.authLogin(creds.username, creds.password)).toBe("235 2.7.0 Authentication successful");
      inside.close();
    });

    it("answers 421 at the next transaction of a session whose address was removed from the list, and closes it", async () => {
      const creds = await account({ ipAllowlist: "127.0.0.0/24" });
      const session = await from("127.0.0.2");
      expect(await session.authLogin(creds.username, creds.password)).toBe("235 2.7.0 Authentication successful");
      expect((await session.command("MAIL FROM:<app@acme.test>"))[0]).toMatch(/^250 /);
      expect((await session.command("RSET"))[0]).toMatch(/^250 /);

      await db.smtpAccount.update({ where: { id: creds.id }, data: { ipAllowlist: "127.0.0.1/32" } });
      expect(await session.command("MAIL FROM:<app@acme.test>")).toEqual(["421 4.7.0 Your address is no longer allowed to use this account, closing connection"]);
      await expect(session.command("NOOP")).rejects.toThrow(/no reply/);
      session.close();
    });

    it("refuses a header From outside the allowed senders with 550 5.7.1 naming the rule", async () => {
      const creds = await account({ allowedSenders: "alerts+*@acme.test\nbilling@acme.test" });
      const session = await atData(creds, "alerts+db@acme.test");
      const reply = await session.command("From: CEO <ceo@acme.test>\r\nTo: someone@example.com\r\nSubject: hi\r\n\r\nhello\r\n.");
      expect(reply).toEqual([
        "550 5.7.1 From header ceo@acme.test is not an allowed sender of this account (allowed senders: alerts+*@acme.test, billing@acme.test); ask an admin to add it under Policies in MigoSMTP",
      ]);
      // The envelope is held to the same list.
      expect((await session.command("MAIL FROM:<ceo@acme.test>"))[0]).toMatch(/^550 5\.7\.1 MAIL FROM ceo@acme\.test is not an allowed sender/);
      expect((await session.command("MAIL FROM:<billing@acme.test>"))[0]).toMatch(/^250 /);
      session.close();
      expect(await db.message.count({ where: { accountId: creds.id } })).toBe(0);
    });

    it("lets an allowed sender on another domain through only while that domain is verified in the workspace", async () => {
      const second = await db.domain.create({ data: { workspaceId: where.workspaceId, name: "second.test", status: "verified", verificationToken: "t2" } });
      const creds = await account({ allowedSenders: "billing@acme.test\n*@second.test" });
      const session = await atData(creds, "ceo@second.test");
      // Its re-check fails between MAIL FROM and the end of DATA: the header From is judged at commit.
      await db.domain.update({ where: { id: second.id }, data: { status: "failed" } });
      const reply = await session.command("From: ceo@second.test\r\nTo: someone@example.com\r\nSubject: hi\r\n\r\nhello\r\n.");
      expect(reply[0]).toMatch(/^553 5\.7\.1 From header is on second\.test, which is not a verified domain of this workspace/);
      expect((await session.command("MAIL FROM:<ceo@second.test>"))[0]).toMatch(/^553 5\.7\.1 MAIL FROM is on second\.test, which is not a verified domain/);
      expect((await session.command("RSET"))[0]).toMatch(/^250 /);
      // Removed altogether (and perhaps verified by another workspace since): the same.
      await db.domain.delete({ where: { id: second.id } });
      expect((await session.command("MAIL FROM:<ceo@second.test>"))[0]).toMatch(/^553 5\.7\.1 MAIL FROM is on second\.test/);
      session.close();
      expect(await db.message.findMany({ where: { accountId: creds.id }, select: { id: true } })).toEqual([]);
    });

    it("refuses AUTH of an expired account with the wrong-password reply and records expired", async () => {
      const creds = await account({ expiresAt: new Date(Date.now() - 1000) });
      const session = await from("127.0.0.1");
      expect(await session.authLogin(creds.username, creds.password)).toBe(WRONG_PASSWORD);
      session.close();
      expect(await lastLogin(creds.id)).toMatchObject({ success: false, reason: "expired" });
    });

    it("counts the workspace's maximum lifetime as expiry, and refuses an open session at its next MAIL FROM once expired", async () => {
      const creds = await account({ passwordChangedAt: new Date(Date.now() - 10 * 86_400_000) });
      const session = await from("127.0.0.1");
      expect(await session.authLogin(creds.username, creds.password)).toBe("235 2.7.0 Authentication successful");
      await db.workspace.update({ where: { id: where.workspaceId }, data: { maxPasswordLifetimeDays: 5 } });
      try {
        expect(await session.command("MAIL FROM:<app@acme.test>")).toEqual([WRONG_PASSWORD]);
        const again = await from("127.0.0.1");
        expect(await again.authLogin(creds.username, creds.password)).toBe(WRONG_PASSWORD);
        again.close();
        expect(await lastLogin(creds.id)).toMatchObject({ success: false, reason: "expired" });
      } finally {
        await db.workspace.update({ where: { id: where.workspaceId }, data: { maxPasswordLifetimeDays: null } });
        session.close();
      }
    });
  });
