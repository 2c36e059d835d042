// The SMTP Accounts list and the logs' account options on both databases: search by label
// ignores case, keyset pages visit every account once in each sort and direction, and the
// total stops counting at its cap.
import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { Db } from "../db";
import { searchAccountOptions } from "../delivery-logs/account-options";
import { describeEachDatabase } from "../testing/each-database";
import { ACCOUNT_SORTS } from "./account-cursor";
import { COUNT_CAP, listAccounts, PAGE_SIZE, ZListAccountsQuery } from "./list-accounts";
import { seededUsername } from "../testing/seeded-username";

const DAY = 86_400_000;
let db: Db;
let workspaceId = "";
let bigWorkspaceId = "";
const now = new Date();

async function workspaceWithDomain(slug: string) {
  const w = await db.workspace.create({ data: { slug, name: slug } });
  const d = await db.domain.create({ data: { workspaceId: w.id, name: `${slug}.test`, status: "verified", verificationToken: "t" } });
  return { workspaceId: w.id, domainId: d.id };
}

const accountRow = (ws: { workspaceId: string; domainId: string }, i: number, label: string, usernameIndex = i) => ({
  workspaceId: ws.workspaceId,
  domainId: ws.domainId,
  label,
  username: seededUsername(usernameIndex),
  passwordCiphertext: "x",
  passwordVerifier: "y",
  // Some share a creation time and a last use (ties broken by id); a third never used.
  createdAt: new Date(now.getTime() - Math.floor(i / 2) * DAY),
  lastUsedAt: i % 3 === 0 ? null : new Date(now.getTime() - (i % 7) * DAY),
});

describeEachDatabase("SMTP accounts list", { prefix: "migosmtp-accounts-" }, (current) => {
  beforeAll(async () => {
    ({ db } = current());
    const suffix = randomBytes(3).toString("hex");
    const ws = await workspaceWithDomain(`acme-${suffix}`);
    workspaceId = ws.workspaceId;
    // The last five hold LIKE's wildcards and escape character as plain text.
    const labels = ["Billing Mailer", "billing-reports", "BILLING alerts", "Newsletter", "Password resets", "50% off", "50 percent", "order_mails", "orderXmails", "back\\slash"];
    const rows = Array.from({ length: 2 * PAGE_SIZE + 7 }, (_, i) => accountRow(ws, i, labels[i] ?? `App ${String(i).padStart(3, "0")}`));
    // Two labels alike, so the label sort needs the id to break the tie.
    rows[10]!.label = rows[11]!.label = "Twin";
    await db.smtpAccount.createMany({ data: rows });
    const big = await workspaceWithDomain(`big-${suffix}`);
    bigWorkspaceId = big.workspaceId;
    await db.smtpAccount.createMany({ data: Array.from({ length: COUNT_CAP + 5 }, (_, i) => accountRow(big, i, `Bulk ${i}`, 2 * PAGE_SIZE + 7 + i)) });
  }, 180_000);

  it("finds accounts by label whatever the case of the search or the label", async () => {
    const { accounts } = await listAccounts(db, { workspaceId, query: ZListAccountsQuery.parse({ q: "bIlLiNg" }) });
    expect(accounts.map((a) => a.label).sort()).toEqual(["BILLING alerts", "Billing Mailer", "billing-reports"]);
    const options = await searchAccountOptions(db, workspaceId, "PASSWORD");
    expect(options.map((o) => o.label)).toEqual(["Password resets"]);
  });

  it("searches for %, _ and \\ as the characters they are, not as LIKE's wildcards", async () => {
    const search = async (q: string) => (await listAccounts(db, { workspaceId, query: ZListAccountsQuery.parse({ q }) })).accounts.map((a) => a.label).sort();
    expect(await search("50%")).toEqual(["50% off"]);
    expect(await search("%")).toEqual(["50% off"]);
    expect(await search("R_M")).toEqual(["order_mails"]);
    expect(await search("\\")).toEqual(["back\\slash"]);
    expect(await search("k\\s")).toEqual(["back\\slash"]);
    expect((await searchAccountOptions(db, workspaceId, "_")).map((o) => o.label)).toEqual(["order_mails"]);
  });

  it("walks every account exactly once by keyset pages, in each sort and direction", async () => {
    const everyId = (await db.smtpAccount.findMany({ where: { workspaceId }, select: { id: true } })).map((a) => a.id).sort();
    for (const sort of ACCOUNT_SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const seen: string[] = [];
        let after: string | undefined;
        let pages = 0;
        do {
          const page = await listAccounts(db, { workspaceId, query: ZListAccountsQuery.parse({ sort, dir, after }), now });
          expect(page.isFirstPage).toBe(pages === 0);
          seen.push(...page.accounts.map((a) => a.id));
          after = page.nextCursor ?? undefined;
          pages++;
        } while (after && pages < 10);
        expect([...seen].sort(), `${sort} ${dir}`).toEqual(everyId);
        expect(pages, `${sort} ${dir}`).toBe(3);
      }
    }
  });

  it("pages through last used in one order both ways: used accounts by time then id, the never-used ones after them by id", async () => {
    const all = await db.smtpAccount.findMany({ where: { workspaceId }, select: { id: true, lastUsedAt: true } });
    for (const dir of ["asc", "desc"] as const) {
      const sign = dir === "asc" ? 1 : -1;
      const byId = (a: { id: string }, b: { id: string }) => sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      const used = all.filter((a) => a.lastUsedAt).sort((a, b) => sign * (a.lastUsedAt!.getTime() - b.lastUsedAt!.getTime()) || byId(a, b));
      const expected = [...used, ...all.filter((a) => !a.lastUsedAt).sort(byId)].map((a) => a.id);
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await listAccounts(db, { workspaceId, query: ZListAccountsQuery.parse({ sort: "lastUsed", dir, after }), now });
        seen.push(...page.accounts.map((a) => a.id));
        after = page.nextCursor ?? undefined;
      } while (after && seen.length <= all.length);
      expect(seen, dir).toEqual(expected);
    }
  });

  it("lists accounts never used after all the used ones, newest use first", async () => {
    const { accounts } = await listAccounts(db, { workspaceId, query: ZListAccountsQuery.parse({ sort: "lastUsed", dir: "desc" }), now });
    const times = accounts.map((a) => a.lastUsedAt?.getTime() ?? -1);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(times[0]).toBeGreaterThan(0);
  });

  it("counts a workspace's accounts up to the cap and says when there are more", async () => {
    const small = await listAccounts(db, { workspaceId, query: ZListAccountsQuery.parse({}) });
    expect(small).toMatchObject({ total: 2 * PAGE_SIZE + 7, totalCapped: false });
    const big = await listAccounts(db, { workspaceId: bigWorkspaceId, query: ZListAccountsQuery.parse({}) });
    expect(big).toMatchObject({ total: COUNT_CAP, totalCapped: true });
  });

  it("counts a search's matches whether its first page holds them all or not, up to the cap", async () => {
    const labels = (await db.smtpAccount.findMany({ where: { workspaceId }, select: { label: true } })).map((a) => a.label.toLowerCase());
    const few = await listAccounts(db, { workspaceId, query: ZListAccountsQuery.parse({ q: "billing" }) });
    expect(few).toMatchObject({ total: 3, totalCapped: false, nextCursor: null });
    const many = await listAccounts(db, { workspaceId, query: ZListAccountsQuery.parse({ q: "app " }) });
    expect(many.accounts).toHaveLength(PAGE_SIZE);
    expect(many).toMatchObject({ total: labels.filter((l) => l.includes("app ")).length, totalCapped: false });
    expect(many.total).toBeGreaterThan(PAGE_SIZE);
    const capped = await listAccounts(db, { workspaceId: bigWorkspaceId, query: ZListAccountsQuery.parse({ q: "bulk" }) });
    expect(capped).toMatchObject({ total: COUNT_CAP, totalCapped: true });
  });

  it("ignores a cursor that does not parse and starts from the first page", async () => {
    const page = await listAccounts(db, { workspaceId, query: ZListAccountsQuery.parse({ after: "not-a-cursor" }) });
    expect(page.isFirstPage).toBe(true);
    expect(page.accounts).toHaveLength(PAGE_SIZE);
  });
});
