// The policy use cases against a real database (SQLite, and PostgreSQL when TEST_DATABASE_URL is
// set): canonical values saved, audited with before/after, step-up only when access widens,
// another workspace's account not found, and the accounts list's policy filters.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db";
import type { Env } from "../env";
import { encodeAccountCursor } from "../smtp-accounts/account-cursor";
import { listAccounts, ZListAccountsQuery } from "../smtp-accounts/list-accounts";
import { insertSmtpAccount } from "../smtp-accounts/insert-account";
import type { Actor } from "../smtp-accounts/actor";
import { describeEachDatabase } from "../testing/each-database";
import { getAccountPolicies } from "./account-policies";
import { updateAllowedSenders } from "./update-allowed-senders";
import { updateExpiry } from "./update-expiry";
import { updateIpAllowlist } from "./update-ip-allowlist";
import { updateMaxLifetime } from "./update-max-lifetime";

const DAY = 86_400_000;
let env: Env;
let db: Db;
let acme: { id: string };
let globex: { id: string };
let domainId: string;

const fresh = (): Actor => ({ id: `u_${randomBytes(3).toString("hex")}`, email: "admin@acme.test", authTime: new Date(), meta: { ip: "203.0.113.7", userAgent: "vitest" } });
const stale = (): Actor => ({ ...fresh(), authTime: new Date(Date.now() - 24 * 3600 * 1000) });

describeEachDatabase("changing access policies", { prefix: "migosmtp-policies-" }, (current) => {
  beforeAll(async () => {
    ({ env, db } = current());
    acme = await db.workspace.create({ data: { slug: "acme", name: "Acme" } });
    globex = await db.workspace.create({ data: { slug: "globex", name: "Globex" } });
    domainId = (await db.domain.create({ data: { workspaceId: acme.id, name: "acme.test", status: "verified", verificationToken: "t" } })).id;
    await db.domain.create({ data: { workspaceId: acme.id, name: "pending.test", status: "pending", verificationToken: "t2" } });
  });
  const newAccount = async (fromAddress: string | null = "app@acme.test") =>
    (await insertSmtpAccount(db, env, { workspaceId: acme.id, domainId, label: `App ${randomBytes(2).toString("hex")}`, fromAddress })).account.id;
  const base = (accountId: string, actor = fresh()) => ({ db, env, workspaceId: acme.id, accountId, actor });

  describe("the IP allowlist", () => {
    it("saves the canonical list and audits before and after, with no step-up to narrow", async () => {
      const id = await newAccount();
      await updateIpAllowlist({ ...base(id, stale()), text: "10.1.2.3/8, 192.0.2.1" });
      expect((await db.smtpAccount.findUniqueOrThrow({ where: { id } })).ipAllowlist).toBe("10.0.0.0/8\n192.0.2.1/32");
      await updateIpAllowlist({ ...base(id, stale()), text: "10.2.0.0/16" });
      const audits = await db.auditEvent.findMany({ where: { action: "account.policy.ip_allowlist", targetId: id }, orderBy: { createdAt: "asc" } });
      expect(audits.map((a) => JSON.parse(a.metadata!))).toEqual([
        { before: null, after: ["10.0.0.0/8", "192.0.2.1/32"], widens: false },
        { before: ["10.0.0.0/8", "192.0.2.1/32"], after: ["10.2.0.0/16"], widens: false },
      ]);
    });

    it("asks for a fresh sign-in to widen or remove it, and changes nothing until then", async () => {
      const id = await newAccount();
      await updateIpAllowlist({ ...base(id), text: "10.0.0.0/16" });
      for (const text of ["10.0.0.0/8", ""]) await expect(updateIpAllowlist({ ...base(id, stale()), text })).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
      expect((await db.smtpAccount.findUniqueOrThrow({ where: { id } })).ipAllowlist).toBe("10.0.0.0/16");
      await updateIpAllowlist({ ...base(id), text: "" });
      expect((await db.smtpAccount.findUniqueOrThrow({ where: { id } })).ipAllowlist).toBeNull();
    });

    it("refuses a bad range with what is wrong, on the field", async () => {
      const id = await newAccount();
      await expect(updateIpAllowlist({ ...base(id), text: "10.0.0.0/33" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "ipAllowlist" });
    });

    it("treats another workspace's account as not found", async () => {
      const id = await newAccount();
      await expect(updateIpAllowlist({ ...base(id), workspaceId: globex.id, text: "10.0.0.0/8" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
  });

  describe("allowed senders", () => {
    it("accepts patterns on verified domains only, naming the unverified one", async () => {
      const id = await newAccount(null);
      await expect(updateAllowedSenders({ ...base(id), text: "a@pending.test" })).rejects.toMatchObject({
        code: "INVALID_INPUT",
        message: "pending.test is not a verified domain of this workspace; verify it on the Domains page first, or use one of: acme.test",
      });
      await updateAllowedSenders({ ...base(id, stale()), text: "billing@acme.test alerts+*@acme.test" });
      expect((await db.smtpAccount.findUniqueOrThrow({ where: { id } })).allowedSenders).toBe("alerts+*@acme.test\nbilling@acme.test");
    });

    it("counts the account's own From rule when judging widening", async () => {
      const id = await newAccount("app@acme.test");
      // From app@acme.test to the whole domain widens; to app@acme.test itself does not.
      await expect(updateAllowedSenders({ ...base(id, stale()), text: "*@acme.test" })).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
      await updateAllowedSenders({ ...base(id, stale()), text: "app@acme.test" });
    });
  });

  describe("expiry", () => {
    it("needs step-up to clear or move it later, not to bring it forward, and re-arms the warnings", async () => {
      const id = await newAccount();
      const in30 = new Date(Date.now() + 30 * DAY);
      await updateExpiry({ ...base(id, stale()), expiresAt: in30 });
      await db.smtpAccount.update({ where: { id }, data: { expiryWarnedDays: 14 } });
      await expect(updateExpiry({ ...base(id, stale()), expiresAt: new Date(in30.getTime() + DAY) })).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
      await expect(updateExpiry({ ...base(id, stale()), expiresAt: null })).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
      await updateExpiry({ ...base(id, stale()), expiresAt: new Date(in30.getTime() - DAY) });
      expect(await db.smtpAccount.findUniqueOrThrow({ where: { id }, select: { expiresAt: true, expiryWarnedDays: true } })).toEqual({
        expiresAt: new Date(in30.getTime() - DAY),
        expiryWarnedDays: null,
      });
    });

    it("needs step-up to lengthen or remove the workspace's maximum lifetime", async () => {
      const actor = stale();
      await updateMaxLifetime({ db, env, workspaceId: globex.id, actor, days: 90 });
      await updateMaxLifetime({ db, env, workspaceId: globex.id, actor, days: 30 });
      await expect(updateMaxLifetime({ db, env, workspaceId: globex.id, actor, days: 60 })).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
      await expect(updateMaxLifetime({ db, env, workspaceId: globex.id, actor, days: null })).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
      expect((await db.workspace.findUniqueOrThrow({ where: { id: globex.id } })).maxPasswordLifetimeDays).toBe(30);
      expect(await db.auditEvent.count({ where: { action: "workspace.max_password_lifetime", workspaceId: globex.id } })).toBe(2);
    });
  });

  describe("what the account page shows", () => {
    it("groups the attempts refused for their address by IP, with counts and the last time, busiest-recent first", async () => {
      const id = await newAccount();
      const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
      const event = (clientIp: string, minutesAgo: number, reason: string | null = "ip_not_allowed") =>
        db.loginEvent.create({ data: { workspaceId: acme.id, accountId: id, username: "u", clientIp, method: "PLAIN", success: reason === null, reason, createdAt: at(minutesAgo) } });
      await event("198.51.100.7", 30);
      await event("198.51.100.7", 5);
      await event("2001:db8::9", 10);
      await event("203.0.113.1", 1, "bad_credentials");
      await event("203.0.113.1", 2, null);
      await updateExpiry({ ...base(id), expiresAt: new Date(Date.now() + 2 * DAY) });
      const view = await getAccountPolicies(db, { workspaceId: acme.id, accountId: id });
      expect(view.refused.map((r) => ({ ip: r.ip, count: r.count }))).toEqual([
        { ip: "198.51.100.7", count: 2 },
        { ip: "2001:db8::9", count: 1 },
      ]);
      expect(view.refused[0]!.lastAt.getTime()).toBeGreaterThan(view.refused[1]!.lastAt.getTime());
      expect(view.expiry).toMatchObject({ expired: false, daysAhead: 3 });
      await expect(getAccountPolicies(db, { workspaceId: globex.id, accountId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
  });

  describe("the accounts list's policy filters", () => {
    it("finds accounts unused for 90 days and accounts expiring in 30 days, paging by keyset", async () => {
      const ws = await db.workspace.create({ data: { slug: "filters", name: "Filters" } });
      const d = await db.domain.create({ data: { workspaceId: ws.id, name: "f.test", status: "verified", verificationToken: "t" } });
      const make = async (label: string, data: Record<string, unknown>) => {
        const { account } = await insertSmtpAccount(db, env, { workspaceId: ws.id, domainId: d.id, label, fromAddress: null });
        await db.smtpAccount.update({ where: { id: account.id }, data });
      };
      const now = new Date();
      await make("a-old-unused", { createdAt: new Date(now.getTime() - 200 * DAY), lastUsedAt: new Date(now.getTime() - 100 * DAY) });
      await make("b-never-used-old", { createdAt: new Date(now.getTime() - 120 * DAY), lastUsedAt: null });
      await make("c-recent", { lastUsedAt: new Date(now.getTime() - DAY) });
      await make("d-expiring", { expiresAt: new Date(now.getTime() + 20 * DAY) });
      await make("e-far", { expiresAt: new Date(now.getTime() + 60 * DAY) });
      await make("f-old-password", { passwordChangedAt: new Date(now.getTime() - 80 * DAY) });
      const labels = async (filter: string, max: number | null = null) =>
        (await listAccounts(db, { workspaceId: ws.id, query: ZListAccountsQuery.parse({ filter }), now, maxPasswordLifetimeDays: max })).accounts.map((a) => a.label);
      expect(await labels("unused-90d")).toEqual(["a-old-unused", "b-never-used-old"]);
      expect(await labels("expiring-30d")).toEqual(["d-expiring"]);
      // A 100-day maximum lifetime: the password set 80 days ago expires in 20.
      expect(await labels("expiring-30d", 100)).toEqual(["d-expiring", "f-old-password"]);
      expect(await labels("nonsense")).toHaveLength(6);
      // The filter holds across pages: a keyset cursor after the first match.
      const first = await listAccounts(db, { workspaceId: ws.id, query: ZListAccountsQuery.parse({ filter: "unused-90d" }), now });
      const rows = first.accounts;
      const page2 = await listAccounts(db, {
        workspaceId: ws.id,
        query: ZListAccountsQuery.parse({ filter: "unused-90d", after: encodeAccountCursor({ value: rows[0]!.label, id: rows[0]!.id }) }),
        now,
      });
      expect(page2.accounts.map((a) => a.label)).toEqual(["b-never-used-old"]);
    });
  });
});

