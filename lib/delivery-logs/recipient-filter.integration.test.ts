// The delivery log's recipient filters (domain and address), which page from the recipient
// index and join each message by id: combined with the other filters before the limit, in
// keyset pages without gaps or repeats, for a rare domain, and only with recipient rows that
// carry their message's createdAt. On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { Db } from "../db";
import { describeEachDatabase } from "../testing/each-database";
import type { TDeliveryLogQuery } from "./filters";
import { listMessages } from "./list-messages";

const SECOND = 1000;
const t0 = Date.now() - 3600 * SECOND;
let db: Db;
const ws = { id: "", main: "", other: "" };
const otherWs = { id: "", account: "" };

type MessageSpec = { at: number; recipients: string[]; accountId?: string; status?: string; workspaceId?: string; id?: string };

async function addMessage(spec: MessageSpec): Promise<string> {
  const workspaceId = spec.workspaceId ?? ws.id;
  const createdAt = new Date(spec.at);
  const m = await db.message.create({
    data: {
      ...(spec.id ? { id: spec.id } : {}),
      workspaceId,
      accountId: spec.accountId ?? ws.main,
      passwordVersion: 1,
      clientIp: "127.0.0.1",
      envelopeFrom: "app@acme.test",
      sizeBytes: 100,
      recipientCount: spec.recipients.length,
      firstRecipient: spec.recipients[0]!,
      status: spec.status ?? "delivered",
      createdAt,
      recipients: { create: spec.recipients.map((a) => ({ workspaceId, address: a, domain: a.split("@")[1]!, createdAt })) },
    },
  });
  return m.id;
}

/** Every page of a query, following nextCursor, with a small page size. */
async function allPages(query: Partial<TDeliveryLogQuery>, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listMessages({ db, workspaceId: ws.id, query: { ...query, cursor }, limit });
    ids.push(...page.rows.map((r) => r.id));
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 100);
  return { ids, pages };
}

describeEachDatabase("delivery log recipient filters", { prefix: "migosmtp-rcpt-" }, (current) => {
  // Expected ids, newest first, by what they should match.
  const common: string[] = [];
  const commonByOther: string[] = [];
  const commonBounced: string[] = [];
  let rare = "";

  beforeAll(async () => {
    ({ db } = current());
    const suffix = randomBytes(3).toString("hex");
    for (const [target, slug] of [
      [ws, `acme-${suffix}`],
      [otherWs, `globex-${suffix}`],
    ] as const) {
      const w = await db.workspace.create({ data: { slug, name: slug } });
      const d = await db.domain.create({ data: { workspaceId: w.id, name: `${slug}.test`, status: "verified", verificationToken: "t" } });
      const account = (label: string) =>
        db.smtpAccount.create({ data: { workspaceId: w.id, label, username: `smtpuser_${randomBytes(4).toString("hex")}`, domainId: d.id, passwordCiphertext: "x", passwordVerifier: "y" } });
      if (target === ws) {
        ws.id = w.id;
        ws.main = (await account("main")).id;
        ws.other = (await account("other")).id;
      } else {
        otherWs.id = w.id;
        otherWs.account = (await account("main")).id;
      }
    }
    // 60 messages a second apart; every third to common.test, one of those in four from the
    // "other" account, one in five bounced; one to rare.test, early on; noise to noise.test.
    const made: { id: string; i: number }[] = [];
    for (let i = 0; i < 60; i++) {
      const toCommon = i % 3 === 0;
      const spec: MessageSpec = {
        at: t0 + i * SECOND,
        recipients: toCommon ? [`user${i}@common.test`] : [`user${i}@noise.test`],
        accountId: toCommon && i % 4 === 0 ? ws.other : ws.main,
        status: toCommon && i % 5 === 0 ? "bounced" : "delivered",
      };
      if (i === 2) spec.recipients = ["someone@rare.test"];
      made.push({ id: await addMessage(spec), i });
      if (i === 2) rare = made.at(-1)!.id;
    }
    // Two recipients of one message in the same domain: listed once.
    made.push({ id: await addMessage({ at: t0 + 61 * SECOND, recipients: ["a@common.test", "b@common.test"] }), i: 61 });
    // Three messages in the same millisecond: the id breaks the tie.
    for (const id of ["tie_a", "tie_b", "tie_c"]) made.push({ id: await addMessage({ at: t0 + 62 * SECOND, recipients: [`${id}@common.test`], id: `${id}_${randomBytes(3).toString("hex")}` }), i: 62 });
    // Another workspace's mail to the same domain never shows.
    await addMessage({ at: t0 + 63 * SECOND, recipients: ["x@common.test"], workspaceId: otherWs.id, accountId: otherWs.account });

    const newestFirst = [...made].sort((a, b) => b.i - a.i || (b.id < a.id ? -1 : 1));
    for (const { id, i } of newestFirst) {
      if (i > 60 || i % 3 === 0) common.push(id);
      if (i <= 60 && i % 3 === 0 && i % 4 === 0) commonByOther.push(id);
      if (i <= 60 && i % 3 === 0 && i % 5 === 0) commonBounced.push(id);
    }
  }, 120_000);

  it("pages a domain by keyset, newest first, each message once, with ties broken by id", async () => {
    const { ids, pages } = await allPages({ rcpt: "common.test" }, 4);
    expect(ids).toEqual(common);
    expect(pages).toBe(Math.ceil(common.length / 4));
  });

  it("applies the account filter before the limit, so a page is full when enough messages match", async () => {
    const first = await listMessages({ db, workspaceId: ws.id, query: { rcpt: "common.test", account: ws.other }, limit: 2 });
    expect(first.rows.map((r) => r.id)).toEqual(commonByOther.slice(0, 2));
    expect((await allPages({ rcpt: "common.test", account: ws.other }, 2)).ids).toEqual(commonByOther);
  });

  it("applies the status filter before the limit, and combines it with the account filter", async () => {
    expect((await allPages({ rcpt: "@common.test", status: "bounced" }, 2)).ids).toEqual(commonBounced);
    const both = commonBounced.filter((id) => commonByOther.includes(id));
    expect(both.length).toBeGreaterThan(0);
    expect((await allPages({ rcpt: "common.test", status: "bounced", account: ws.other }, 1)).ids).toEqual(both);
  });

  it("finds a rare domain's only message among many newer ones, and honours the time window", async () => {
    const page = await listMessages({ db, workspaceId: ws.id, query: { rcpt: "RARE.test" } });
    expect(page.rows.map((r) => r.id)).toEqual([rare]);
    expect(page.nextCursor).toBeNull();
    expect((await listMessages({ db, workspaceId: ws.id, query: { rcpt: "rare.test", from: new Date(t0 + 3 * SECOND) } })).rows).toEqual([]);
    expect((await listMessages({ db, workspaceId: ws.id, query: { rcpt: "rare.test", to: new Date(t0 + 2 * SECOND) } })).rows.map((r) => r.id)).toEqual([rare]);
  });

  it("filters by an exact address with the message's own columns in each row", async () => {
    const page = await listMessages({ db, workspaceId: ws.id, query: { rcpt: "User3@Common.test" } });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({ firstRecipient: "user3@common.test", account: { label: "main" } });
  });

  it("shows another workspace none of these messages by recipient", async () => {
    const page = await listMessages({ db, workspaceId: otherWs.id, query: { rcpt: "common.test" } });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]!.accountId).toBe(otherWs.account);
  });

  it("refuses a recipient row without a createdAt, so no writer can leave it different from its message's", async () => {
    const id = await addMessage({ at: t0, recipients: ["z@zeta.test"] });
    const rows = await db.messageRecipient.findMany({ where: { messageId: id }, include: { message: { select: { createdAt: true } } } });
    expect(rows.every((r) => r.createdAt.getTime() === r.message.createdAt.getTime())).toBe(true);
    const withoutTime = { messageId: id, workspaceId: ws.id, address: "y@zeta.test", domain: "zeta.test" };
    await expect(db.messageRecipient.create({ data: withoutTime as Parameters<Db["messageRecipient"]["create"]>[0]["data"] })).rejects.toThrow();
  });
});
