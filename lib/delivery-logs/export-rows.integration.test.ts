// The CSV export reads the delivery log through the driver (export-rows.ts) while the pages read
// it through Prisma (list-messages.ts): for every filter and combination, both must hold the
// same rows, in the same order, with the same cells, across page boundaries and ties. On SQLite,
// and on PostgreSQL when TEST_DATABASE_URL is set.
import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { Db } from "../db";
import { describeEachDatabase } from "../testing/each-database";
import { exportRowsAfter, type ExportCursor, type ExportRow } from "./export-rows";
import { decodeCursor, type TDeliveryLogQuery } from "./filters";
import { listMessagesAfter, type MessageRow } from "./list-messages";

const SECOND = 1000;
const now = new Date();
const t0 = now.getTime() - 7200 * SECOND;
let db: Db;
let workspaceId = "";
const accounts = { main: "", other: "", gone: "", elsewhere: "" };

function cells(r: MessageRow | ExportRow) {
  const label = "accountLabel" in r ? r.accountLabel : (r.account?.label ?? null);
  return [r.createdAt.toISOString(), r.id, label, r.clientIp, r.envelopeFrom, r.firstRecipient, r.recipientCount, r.subject, r.sizeBytes, r.status, r.lastReply, r.passwordVersion, r.tlsProtocol];
}

async function pagesThroughPrisma(query: Partial<TDeliveryLogQuery>) {
  const out: unknown[][] = [];
  let cursor: string | null = null;
  do {
    const page = await listMessagesAfter(db, workspaceId, query, decodeCursor(cursor ?? undefined), 7, undefined, now);
    out.push(...page.rows.map(cells));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function pagesThroughDriver(query: Partial<TDeliveryLogQuery>, take: number) {
  const out: unknown[][] = [];
  let cursor: ExportCursor | undefined;
  let pages = 0;
  do {
    const page = await exportRowsAfter(db, workspaceId, query, cursor, take, now);
    out.push(...page.rows.map(cells));
    cursor = page.next;
  } while (cursor && ++pages < 1000);
  return out;
}

describeEachDatabase("delivery log export rows", { prefix: "migosmtp-export-rows-" }, (current) => {
  beforeAll(async () => {
    ({ db } = current());
    const slug = `acme-${randomBytes(3).toString("hex")}`;
    const add = async (wsId: string) => {
      const d = await db.domain.create({ data: { workspaceId: wsId, name: `${randomBytes(3).toString("hex")}.test`, status: "verified", verificationToken: "t" } });
      return (label: string) =>
        db.smtpAccount.create({ data: { workspaceId: wsId, label, username: `smtpuser_${randomBytes(4).toString("hex")}`, domainId: d.id, passwordCiphertext: "x", passwordVerifier: "y" } });
    };
    workspaceId = (await db.workspace.create({ data: { slug, name: slug } })).id;
    const account = await add(workspaceId);
    accounts.main = (await account("main")).id;
    accounts.other = (await account("other, \"quoted\"")).id;
    accounts.gone = (await account("gone")).id;
    const elsewhere = (await db.workspace.create({ data: { slug: `${slug}-2`, name: "other" } })).id;
    accounts.elsewhere = (await (await add(elsewhere))("main")).id;

    const message = (i: number, wsId: string, accountId: string, recipients: string[], at = t0 + i * 60 * SECOND, id?: string) =>
      db.message.create({
        data: {
          ...(id ? { id } : {}),
          workspaceId: wsId,
          accountId,
          passwordVersion: 1 + (i % 2),
          clientIp: i % 4 === 0 ? "127.0.0.2" : "127.0.0.1",
          envelopeFrom: i % 5 === 0 ? "billing@acme.test" : "app@acme.test",
          subject: i % 6 === 0 ? null : `Subject ${i}`,
          sizeBytes: 100 + i,
          recipientCount: recipients.length,
          firstRecipient: recipients[0]!,
          status: ["delivered", "deferred", "bounced", "rejected", "held"][i % 5]!,
          lastReply: i % 3 === 0 ? null : `250 2.0.0 ok ${i}`,
          tlsProtocol: i % 7 === 0 ? null : "TLSv1.3",
          createdAt: new Date(at),
          recipients: { create: recipients.map((a) => ({ workspaceId: wsId, address: a, domain: a.split("@")[1]!, createdAt: new Date(at) })) },
        },
      });
    // 100 messages a minute apart over the last ~2 hours, three accounts, mixed recipients.
    for (let i = 0; i < 100; i++) {
      const accountId = [accounts.main, accounts.other, accounts.gone][i % 3]!;
      const recipients = i % 4 === 0 ? [`u${i}@common.test`, `v${i}@common.test`] : i % 4 === 1 ? [`u${i}@noise.test`, `u${i}@common.test`] : [`u${i}@noise.test`];
      await message(i, workspaceId, accountId, recipients);
    }
    // Messages in the same millisecond: the id breaks the tie, across a page boundary.
    for (const id of ["tie_a", "tie_b", "tie_c", "tie_d"]) await message(50, workspaceId, accounts.main, ["tie@common.test"], t0 + 50 * 60 * SECOND, `${id}_${randomBytes(3).toString("hex")}`);
    // An account deleted later: its messages stay, with no account.
    await db.smtpAccount.delete({ where: { id: accounts.gone } });
    // Another workspace's mail matches nothing here.
    await message(1, elsewhere, accounts.elsewhere, ["x@common.test"]);
  }, 120_000);

  const queries: [string, Partial<TDeliveryLogQuery>][] = [
    ["no filter", {}],
    ["an account", { account: "main" }],
    ["a status", { status: "bounced" }],
    ["a sender", { sender: "billing@acme.test" }],
    ["an IP", { ip: "127.0.0.2" }],
    ["a window", { from: new Date(t0 + 20 * 60 * SECOND), to: new Date(t0 + 70 * 60 * SECOND) }],
    ["a preset", { preset: "1h" }],
    ["a recipient domain", { rcpt: "common.test" }],
    ["a recipient domain written with @ and capitals", { rcpt: "@Common.TEST" }],
    ["a recipient address", { rcpt: "u8@common.test" }],
    ["a recipient domain, a status and a window", { rcpt: "common.test", status: "delivered", from: new Date(t0 + 30 * 60 * SECOND) }],
    ["a recipient domain, an account, a sender and an IP", { rcpt: "noise.test", account: "other", sender: "app@acme.test", ip: "127.0.0.1" }],
    ["a recipient that matches nothing", { rcpt: "nobody.test" }],
    ["an unparseable recipient", { rcpt: "not a recipient" }],
    ["an account from another workspace", { account: "elsewhere" }],
  ];

  for (const [what, query] of queries) {
    it(`exports the rows the pages show, with the same cells, for ${what}`, async () => {
      const resolved = { ...query, account: query.account ? accounts[query.account as keyof typeof accounts] : undefined };
      const expected = await pagesThroughPrisma(resolved);
      expect(await pagesThroughDriver(resolved, 3)).toEqual(expected);
      expect(await pagesThroughDriver(resolved, 250)).toEqual(expected);
    });
  }

  it("finds rows for the filters above, so their comparisons are not of empty lists", async () => {
    for (const [, query] of queries.slice(0, -3)) {
      const resolved = { ...query, account: query.account ? accounts[query.account as keyof typeof accounts] : undefined };
      expect((await pagesThroughDriver(resolved, 250)).length).toBeGreaterThan(0);
    }
    const all = await pagesThroughDriver({}, 250);
    expect(all).toHaveLength(104);
    expect(all.some((r) => r[2] === null)).toBe(true);
  });
});
