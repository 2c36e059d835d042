// Domains against a migrated database (SQLite, and PostgreSQL in CI) and a DNS server on loopback: ownership checks
// (verified / token missing / wrong value / NXDOMAIN / timeout), background re-checks, one
// workspace per verified domain, removal with accounts, DKIM signing checked by mailauth.
import { randomBytes } from "node:crypto";
import { Resolver } from "node:dns/promises";
import { dkimVerify } from "mailauth/lib/dkim/verify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, providerOf } from "../db";
import type { Env } from "../env";
import { describeEachDatabase } from "../testing/each-database";
import { insertSmtpAccount } from "../smtp-accounts/insert-account";
import type { Actor } from "../smtp-accounts/actor";
import { AppError } from "../errors/app-error";
import { decryptSecret } from "../credentials/encryption";
import { addDomain } from "./add-domain";
import { createDkimSigner } from "./dkim-signer";
import { dkimRecordValue } from "./dkim-keys";
import { createTxtResolver } from "./dns-lookup";
import { dkimRecordName, ownershipRecordName, ownershipRecordValue } from "./dns-records";
import { listDomains } from "./list-domains";
import { previewDomainRemoval, REMOVAL_ACCOUNTS_SHOWN, removeDomain } from "./remove-domain";
import { completeDkimRotation, startDkimRotation } from "./rotate-dkim-key";
import { createDkimKey } from "./create-dkim-key";
import { startTestDnsServer, type TestDnsServer } from "./test-dns-server";
import { recheckDueDomains, verifyDomain } from "./verify-domain";

let env: Env;
let db: Db;
let dns: TestDnsServer;
let workspaceId: string;
let otherWorkspaceId: string;

const actor: Actor = { id: "user_admin", email: "admin@acme.test", authTime: new Date(), meta: { ip: "203.0.113.7", userAgent: "vitest" } };

describeEachDatabase("domains", { env: { LOG_LEVEL: "silent" }, prefix: "migosmtp-domains-" }, (current) => {
  beforeAll(async () => {
    dns = await startTestDnsServer();
    ({ env, db } = current());
    env = { ...env, DNS_SERVERS: dns.address };
    workspaceId = (await db.workspace.create({ data: { slug: "acme", name: "Acme" } })).id;
    otherWorkspaceId = (await db.workspace.create({ data: { slug: "globex", name: "Globex" } })).id;
  });

  afterAll(async () => {
    await dns?.close();
  });

  const unique = (label: string) => `${label}-${randomBytes(3).toString("hex")}.example`;

  async function added(name = unique("d"), ws = workspaceId) {
    const { domainId } = await addDomain({ db, env, workspaceId: ws, name, actor });
    const row = await db.domain.findUniqueOrThrow({ where: { id: domainId }, include: { dkimKeys: true } });
    return { ...row, key: row.dkimKeys[0]! };
  }

  function publish(d: Awaited<ReturnType<typeof added>>, { dkim = true } = {}) {
    dns.setTxt(ownershipRecordName(d.name), ["v=spf1 -all", ownershipRecordValue(d.verificationToken)]);
    if (dkim) dns.setTxt(dkimRecordName(d.key.selector, d.name), [dkimRecordValue(d.key.publicKey)]);
  }

  describe("addDomain", () => {
    it("stores a pending domain with a token and an encrypted RSA-2048 DKIM key, and audits it", async () => {
      const d = await added();
      expect(d.status).toBe("pending");
      expect(d.verificationToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(d.key).toMatchObject({ status: "pending", algorithm: "rsa-sha256" });
      expect(d.key.selector).toMatch(/^migo\d{6}$/);
      expect(d.key.privateKeyCiphertext).not.toContain("PRIVATE KEY");
      expect(decryptSecret(d.key.privateKeyCiphertext, d.key.id, env.CREDENTIALS_KEYS)).toContain("BEGIN PRIVATE KEY");
      const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId, action: "domain.add", targetId: d.id } });
      expect(audit.metadata).not.toContain("PRIVATE");
    });

    it("refuses a domain already on the workspace, and one verified by another workspace", async () => {
      const d = await added();
      await expect(addDomain({ db, env, workspaceId, name: d.name, actor })).rejects.toMatchObject({ code: "CONFLICT" });
      // pending elsewhere does not block; verified elsewhere does
      await added(d.name, otherWorkspaceId);
      publish(d);
      expect((await verifyDomain({ db, env, workspaceId, domainId: d.id, actor })).status).toBe("verified");
      const third = (await db.workspace.create({ data: { slug: `w-${randomBytes(3).toString("hex")}`, name: "Third" } })).id;
      const error = await addDomain({ db, env, workspaceId: third, name: d.name, actor }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toMatch(/verified by another workspace/);
    });
  });

  it("refuses a domain past the workspace's cap, before generating its key, and writes nothing", async () => {
    const capped = (await db.workspace.create({ data: { slug: `cap-${randomBytes(3).toString("hex")}`, name: "Capped" } })).id;
    await addDomain({ db, env, workspaceId: capped, name: unique("one"), actor, maxDomains: 2 });
    await addDomain({ db, env, workspaceId: capped, name: unique("two"), actor, maxDomains: 2 });
    await expect(addDomain({ db, env, workspaceId: capped, name: unique("three"), actor, maxDomains: 2 })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("at most 2 domains") });
    expect(await db.domain.count({ where: { workspaceId: capped } })).toBe(2);
  });

  describe("verifyDomain against a DNS server on loopback", () => {
    it("verifies when the token is published, and activates the DKIM key whose record is seen", async () => {
      const d = await added();
      publish(d);
      const result = await verifyDomain({ db, env, workspaceId, domainId: d.id, actor });
      expect(result).toMatchObject({ status: "verified", outcome: { ok: true }, dkim: { published: true } });
      const row = await db.domain.findUniqueOrThrow({ where: { id: d.id }, include: { dkimKeys: true } });
      expect(row).toMatchObject({ status: "verified", lastCheckError: null, checkAttempts: 0 });
      expect(row.verifiedAt).toBeInstanceOf(Date);
      expect(row.nextCheckAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
      expect(row.dkimKeys[0]!.status).toBe("active");
      expect(await db.auditEvent.count({ where: { workspaceId, action: "domain.verify", targetId: d.id } })).toBe(1);
    });

    it("verifies ownership but keeps the DKIM key pending while its record is missing", async () => {
      const d = await added();
      publish(d, { dkim: false });
      const result = await verifyDomain({ db, env, workspaceId, domainId: d.id, actor });
      expect(result.status).toBe("verified");
      expect(result.dkim).toMatchObject({ published: false });
      expect(result.dkim!.message).toContain(dkimRecordName(d.key.selector, d.name));
      expect((await db.dkimKey.findUniqueOrThrow({ where: { id: d.key.id } })).status).toBe("pending");
    });

    it("fails with a clear reason when the token is missing (other TXT records only)", async () => {
      const d = await added();
      dns.setTxt(ownershipRecordName(d.name), ["something-else=1"]);
      const result = await verifyDomain({ db, env, workspaceId, domainId: d.id, actor });
      expect(result.status).toBe("failed");
      expect(result.outcome).toMatchObject({ ok: false, reason: "TOKEN_MISSING" });
      const row = await db.domain.findUniqueOrThrow({ where: { id: d.id } });
      expect(row.lastCheckError).toContain(ownershipRecordValue(d.verificationToken));
      expect(row.lastCheckedAt).toBeInstanceOf(Date);
    });

    it("reports NXDOMAIN when nothing is published", async () => {
      const d = await added();
      const result = await verifyDomain({ db, env, workspaceId, domainId: d.id, actor });
      expect(result.outcome).toMatchObject({ ok: false, reason: "NXDOMAIN" });
      expect((result.outcome as { message: string }).message).toMatch(/does not exist \(NXDOMAIN\)/);
    });

    it("fails with a clear reason when the token is wrong", async () => {
      const d = await added();
      dns.setTxt(ownershipRecordName(d.name), [ownershipRecordValue("someone-elses-token")]);
      const result = await verifyDomain({ db, env, workspaceId, domainId: d.id, actor });
      expect(result.outcome).toMatchObject({ ok: false, reason: "WRONG_VALUE" });
      expect((result.outcome as { message: string }).message).toMatch(/different token/);
    });

    it("reports a server that never answers as a timeout, within its bound", async () => {
      const d = await added();
      dns.silence(ownershipRecordName(d.name));
      const started = Date.now();
      const result = await verifyDomain({ db, env, workspaceId, domainId: d.id, actor, resolver: createTxtResolver(dns.address, { timeoutMs: 300, tries: 1 }) });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(result.outcome).toMatchObject({ ok: false, reason: "TIMEOUT" });
      expect((result.outcome as { message: string }).message).toMatch(/timed out/);
    });

    it("reports an unreachable DNS server as a DNS error, not a crash", async () => {
      const d = await added();
      const result = await verifyDomain({ db, env: { DNS_SERVERS: "127.0.0.1:9" }, workspaceId, domainId: d.id, actor, resolver: createTxtResolver("127.0.0.1:9", { timeoutMs: 300, tries: 1 }) });
      expect(result.outcome.ok).toBe(false);
      expect(["DNS_ERROR", "TIMEOUT"]).toContain((result.outcome as { reason: string }).reason);
    });

    it("is scoped by workspace: another workspace's domain is NOT_FOUND", async () => {
      const d = await added(unique("foreign"), otherWorkspaceId);
      await expect(verifyDomain({ db, env, workspaceId, domainId: d.id, actor })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
  });

  describe("recheckDueDomains", () => {
    it("retries pending domains with backoff (staying pending), verifies once published, and re-checks verified ones", async () => {
      const d = await added();
      const t0 = new Date(Date.now() + 2 * 60_000);
      const first = await recheckDueDomains(db, env, { now: t0 });
      expect(first.checked).toBeGreaterThanOrEqual(1);
      let row = await db.domain.findUniqueOrThrow({ where: { id: d.id } });
      expect(row).toMatchObject({ status: "pending", checkAttempts: 1 });
      expect(row.nextCheckAt!.getTime() - t0.getTime()).toBe(60_000);
      const t1 = new Date(row.nextCheckAt!.getTime());
      await recheckDueDomains(db, env, { now: t1 });
      row = await db.domain.findUniqueOrThrow({ where: { id: d.id } });
      expect(row).toMatchObject({ status: "pending", checkAttempts: 2 });
      expect(row.nextCheckAt!.getTime() - t1.getTime()).toBe(120_000);
      // not due: untouched
      await recheckDueDomains(db, env, { now: t1 });
      expect((await db.domain.findUniqueOrThrow({ where: { id: d.id } })).checkAttempts).toBe(2);

      publish(d);
      await recheckDueDomains(db, env, { now: row.nextCheckAt! });
      row = await db.domain.findUniqueOrThrow({ where: { id: d.id } });
      expect(row).toMatchObject({ status: "verified", checkAttempts: 0 });

      // a verified domain whose token disappears stays verified through two failed checks, fails on the third
      dns.remove(ownershipRecordName(d.name));
      for (const expected of ["verified", "verified", "failed"]) {
        await recheckDueDomains(db, env, { now: row.nextCheckAt! });
        row = await db.domain.findUniqueOrThrow({ where: { id: d.id } });
        expect(row.status).toBe(expected);
      }
      expect(await db.auditEvent.count({ where: { action: "domain.verify", targetId: d.id, actorId: null } })).toBe(2);
    });
  });

  describe("removeDomain", () => {
    it("asks first when accounts use the domain, names them, and removes exactly those confirmed", async () => {
      const d = await added();
      const { account } = await insertSmtpAccount(db, env, { workspaceId, domainId: d.id, label: "Billing mail", fromAddress: `billing@${d.name}` });
      const asked = await removeDomain({ db, workspaceId, domainId: d.id, confirmToken: null, actor });
      expect(asked).toEqual({ removed: false, preview: { accountCount: 1, accounts: [{ id: account.id, label: "Billing mail", username: account.username }], confirmToken: expect.any(String) } });
      expect(await previewDomainRemoval(db, { workspaceId, domainId: d.id })).toEqual(!asked.removed && asked.preview);
      expect(await db.domain.count({ where: { id: d.id } })).toBe(1);
      const done = await removeDomain({ db, workspaceId, domainId: d.id, confirmToken: !asked.removed ? asked.preview.confirmToken : null, actor });
      expect(done).toEqual({ removed: true, accountsRemoved: 1 });
      expect(await db.domain.count({ where: { id: d.id } })).toBe(0);
      expect(await db.dkimKey.count({ where: { domainId: d.id } })).toBe(0);
      const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "domain.remove", targetId: d.id } });
      expect(JSON.parse(audit.metadata!)).toEqual({ accountsRemoved: 1, usernames: [account.username] });
    });

    it("asks again when an account was added or moved onto the domain after the preview, even if the count is the same", async () => {
      const d = await added();
      const other = await added();
      const { account: first } = await insertSmtpAccount(db, env, { workspaceId, domainId: d.id, label: "First", fromAddress: `a@${d.name}` });
      const { account: elsewhere } = await insertSmtpAccount(db, env, { workspaceId, domainId: other.id, label: "Elsewhere", fromAddress: `b@${other.name}` });
      const shown = await previewDomainRemoval(db, { workspaceId, domainId: d.id });
      // One leaves and another arrives: still one account, but not the one the admin confirmed.
      await db.smtpAccount.update({ where: { id: first.id }, data: { domainId: other.id } });
      await db.smtpAccount.update({ where: { id: elsewhere.id }, data: { domainId: d.id } });
      const asked = await removeDomain({ db, workspaceId, domainId: d.id, confirmToken: shown.confirmToken, actor });
      expect(asked).toMatchObject({ removed: false, preview: { accountCount: 1, accounts: [{ id: elsewhere.id }] } });
      expect(await db.smtpAccount.count({ where: { id: { in: [first.id, elsewhere.id] } } })).toBe(2);
    });

    it("removes a thousand accounts with the domain, naming the first few and counting the rest", async () => {
      const d = await added();
      const n = 1_200;
      await db.smtpAccount.createMany({
        data: Array.from({ length: n }, (_, i) => ({
          workspaceId,
          domainId: d.id,
          label: `Bulk ${String(i).padStart(5, "0")}`,
          username: `bulk_${d.id.slice(-6)}_${i}`,
          fromAddress: `bulk${i}@${d.name}`,
          passwordVerifier: "unused",
          passwordCiphertext: "unused",
        })),
      });
      const shown = await previewDomainRemoval(db, { workspaceId, domainId: d.id });
      expect(shown.accountCount).toBe(n);
      expect(shown.accounts.map((a) => a.label)).toEqual(Array.from({ length: REMOVAL_ACCOUNTS_SHOWN }, (_, i) => `Bulk ${String(i).padStart(5, "0")}`));
      const [view] = await listDomains(db, { workspaceId, domainId: d.id, spfHost: "x" });
      expect(view).toMatchObject({ accountCount: n, accounts: [{ label: "Bulk 00000" }, { label: "Bulk 00001" }, { label: "Bulk 00002" }, { label: "Bulk 00003" }, { label: "Bulk 00004" }] });
      expect(await removeDomain({ db, workspaceId, domainId: d.id, confirmToken: shown.confirmToken, actor })).toEqual({ removed: true, accountsRemoved: n });
      expect(await db.smtpAccount.count({ where: { domainId: d.id } })).toBe(0);
    });

    it("removes an unused domain at once, and never another workspace's", async () => {
      const foreign = await added(unique("f"), otherWorkspaceId);
      await expect(removeDomain({ db, workspaceId, domainId: foreign.id, confirmToken: null, actor })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(previewDomainRemoval(db, { workspaceId, domainId: foreign.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      const d = await added();
      expect(await removeDomain({ db, workspaceId, domainId: d.id, confirmToken: null, actor })).toEqual({ removed: true, accountsRemoved: 0 });
    });
  });

  describe("listDomains", () => {
    it("shows the workspace's domains with the records to publish", async () => {
      const d = await added();
      const views = await listDomains(db, { workspaceId, spfHost: "relay.migosmtp.test" });
      const view = views.find((v) => v.id === d.id)!;
      expect(views.every((v) => v.id !== undefined)).toBe(true);
      expect(view.records.map((r) => r.name)).toEqual([`_migosmtp.${d.name}`, `${d.key.selector}._domainkey.${d.name}`, d.name, `_dmarc.${d.name}`]);
      expect(JSON.stringify(views)).not.toContain(d.key.privateKeyCiphertext);
      expect((await listDomains(db, { workspaceId: otherWorkspaceId, spfHost: "x" })).some((v) => v.id === d.id)).toBe(false);
    });
    // Thousands of accounts may use one domain: the page counts them and names the first few by
    // label, both from the index alone (the old plan read and sorted every account of the domain).
    it("counts and names a domain's accounts through its (domainId, workspaceId, label, id) index, without a sort", async () => {
      const plan = async (sql: string): Promise<string> => {
        if (providerOf(db) === "sqlite") return (await db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql.replace(/\$\d/g, "?")}`, workspaceId, "d")).map((r) => r.detail).join("\n");
        const [, rows] = await db.$transaction([db.$executeRawUnsafe("SET LOCAL enable_seqscan = off"), db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`, workspaceId, "d")]);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      };
      const first = await plan(`SELECT "id", "label" FROM "SmtpAccount" WHERE "workspaceId" = $1 AND "domainId" = $2 ORDER BY "label", "id" LIMIT 5`);
      expect(first).toContain("SmtpAccount_domainId_workspaceId_label_id_idx");
      expect(first).not.toMatch(/TEMP B-TREE|Sort/);
      expect(await plan(`SELECT COUNT(*) FROM "SmtpAccount" WHERE "workspaceId" = $1 AND "domainId" = $2`)).toMatch(/COVERING INDEX SmtpAccount_domainId_workspaceId_label_id_idx|Index Only Scan using "SmtpAccount_domainId_workspaceId_label_id_idx"/);
    });
  });

  describe("DKIM", () => {
    const verifierResolver = () => {
      const r = new Resolver({ timeout: 1000, tries: 1 });
      r.setServers([dns.address]);
      return (name: string, rr: string) => r.resolve(name, rr) as Promise<string[][]>;
    };
    const message = (from: string) =>
      Buffer.from(
        [`From: App <${from}>`, "To: someone@receiver.example", "Subject: Signed by MigoSMTP", `Date: ${new Date().toUTCString()}`, `Message-ID: <${randomBytes(6).toString("hex")}@x>`, "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", "Hello,  world.", "Second line.", ""].join("\r\n"),
      );

    it("signs mail from a domain with an active key; an independent verifier (mailauth) passes it against the published key", async () => {
      const d = await added();
      publish(d);
      await verifyDomain({ db, env, workspaceId, domainId: d.id, actor });
      const sign = createDkimSigner(db, env.CREDENTIALS_KEYS);
      const signed = await sign(message(`app@${d.name}`), d.name);
      expect(signed.toString()).toMatch(/^DKIM-Signature: /);
      const result = await dkimVerify(signed, { resolver: verifierResolver() });
      expect(result.results[0]).toMatchObject({ signingDomain: d.name, selector: d.key.selector, status: { result: "pass", aligned: d.name } });

      // a changed body fails the check: the signature covers the content
      const tampered = Buffer.from(signed.toString().replace("Second line.", "Second line!"));
      expect((await dkimVerify(tampered, { resolver: verifierResolver() })).results[0]!.status.result).not.toBe("pass");
    });

    it("leaves mail unsigned when the domain has no active key", async () => {
      const d = await added();
      const sign = createDkimSigner(db, env.CREDENTIALS_KEYS);
      const raw = message(`app@${d.name}`);
      expect((await sign(raw, d.name)).equals(raw)).toBe(true);
    });

    it("rotates: new selector published → verified → switched → old retired; signatures follow the new key", async () => {
      const d = await added();
      publish(d);
      await verifyDomain({ db, env, workspaceId, domainId: d.id, actor });
      const later = new Date(Date.now() + 40 * 24 * 3600_000);
      const { selector, recordName } = await startDkimRotation({ db, env, workspaceId, domainId: d.id, actor, now: later });
      expect(selector).not.toBe(d.key.selector);
      const next = await db.dkimKey.findFirstOrThrow({ where: { domainId: d.id, selector } });
      // not published yet: no switch
      const early = await completeDkimRotation({ db, env, workspaceId, domainId: d.id, actor });
      expect(early.switched).toBe(false);
      dns.setTxt(recordName, [dkimRecordValue(next.publicKey)]);
      const done = await completeDkimRotation({ db, env, workspaceId, domainId: d.id, actor });
      expect(done).toMatchObject({ switched: true, retired: [d.key.selector] });
      const keys = await db.dkimKey.findMany({ where: { domainId: d.id } });
      expect(keys.find((k) => k.id === d.key.id)!.status).toBe("retired");
      expect(keys.find((k) => k.id === next.id)!.status).toBe("active");
      const signed = await createDkimSigner(db, env.CREDENTIALS_KEYS)(message(`app@${d.name}`), d.name);
      const result = await dkimVerify(signed, { resolver: verifierResolver() });
      expect(result.results[0]).toMatchObject({ selector, status: { result: "pass" } });
      expect(await db.auditEvent.count({ where: { targetId: d.id, action: { startsWith: "domain.dkim.rotate" } } })).toBe(2);
    });

    it("creates a pending key for a domain that has none, activated once its record is seen; refuses a second one", async () => {
      const d = await added();
      publish(d, { dkim: false });
      await verifyDomain({ db, env, workspaceId, domainId: d.id, actor });
      await expect(createDkimKey({ db, env, workspaceId, domainId: d.id, actor })).rejects.toMatchObject({ code: "CONFLICT" });
      await db.dkimKey.deleteMany({ where: { domainId: d.id } });
      const { selector, recordName } = await createDkimKey({ db, env, workspaceId, domainId: d.id, actor });
      const key = await db.dkimKey.findFirstOrThrow({ where: { domainId: d.id, selector } });
      expect(key.status).toBe("pending");
      expect(decryptSecret(key.privateKeyCiphertext, key.id, env.CREDENTIALS_KEYS)).toContain("BEGIN PRIVATE KEY");
      expect(await db.auditEvent.count({ where: { workspaceId, action: "domain.dkim.create", targetId: d.id } })).toBe(1);
      dns.setTxt(recordName, [dkimRecordValue(key.publicKey)]);
      expect((await verifyDomain({ db, env, workspaceId, domainId: d.id, actor })).dkim).toMatchObject({ published: true });
      expect((await db.dkimKey.findUniqueOrThrow({ where: { id: key.id } })).status).toBe("active");
      const foreign = await added(unique("f"), otherWorkspaceId);
      await expect(createDkimKey({ db, env, workspaceId, domainId: foreign.id, actor })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("keeps the old selector's record shown after a rotation, marked keep until mail signed with it can have left every queue, then drops it", async () => {
      const d = await added();
      publish(d);
      await verifyDomain({ db, env, workspaceId, domainId: d.id, actor });
      const now = new Date();
      // Delivered (so signed with the old key) a second before the switch.
      const deliveredAt = new Date(now.getTime() - 1000);
      await db.message.create({
        data: { workspaceId, passwordVersion: 1, clientIp: "127.0.0.1", envelopeFrom: `app@${d.name}`, sizeBytes: 10, recipientCount: 1, firstRecipient: "x@receiver.example", status: "delivered", deliveredAt },
      });
      const { recordName } = await startDkimRotation({ db, env, workspaceId, domainId: d.id, actor, now: new Date(now.getTime() + 40 * 86_400_000) });
      const next = await db.dkimKey.findFirstOrThrow({ where: { domainId: d.id, status: "pending" } });
      dns.setTxt(recordName, [dkimRecordValue(next.publicKey)]);
      await completeDkimRotation({ db, env, workspaceId, domainId: d.id, actor, now });

      const dkimRecords = async (at: Date) =>
        (await listDomains(db, { workspaceId, spfHost: "relay.migosmtp.test", maxQueueAgeSeconds: 3600, now: at })).find((v) => v.id === d.id)!.records.filter((r) => r.purpose === "dkim");
      const shown = await dkimRecords(now);
      expect(shown.map((r) => r.name)).toEqual([dkimRecordName(d.key.selector, d.name), recordName]);
      expect(shown[0]!.keepUntil).toBe(new Date(deliveredAt.getTime() + 3600_000).toISOString());
      expect(shown[0]!.note).toMatch(/^Retired key: keep this record published until .+ UTC/);
      expect(shown[1]!.keepUntil).toBeUndefined();
      expect((await dkimRecords(new Date(deliveredAt.getTime() + 3600_000 + 1000))).map((r) => r.name)).toEqual([recordName]);
    });
  });
});
