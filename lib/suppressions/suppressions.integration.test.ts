// The suppression list's use cases against a migrated database (SQLite, and PostgreSQL when
// TEST_DATABASE_URL is set): add and remove (audited), search with keyset pages, CSV export with
// formula cells neutralised, and import with its report (rejected lines, duplicates counted).
import { beforeAll, expect, it } from "vitest";
import type { Db } from "../db";
import type { Actor } from "../smtp-accounts/actor";
import { describeEachDatabase } from "../testing/each-database";
import { addSuppression } from "./add-suppression";
import { suppressionsCsv } from "./export-csv";
import { importSuppressions } from "./import-csv";
import { listSuppressions } from "./list-suppressions";
import { removeSuppression } from "./remove-suppression";

const actor: Actor = { id: "user_admin", email: "admin@acme.test", authTime: new Date(), meta: { ip: "203.0.113.7", userAgent: "vitest" } };

let db: Db;

async function workspace(slug: string) {
  return (await db.workspace.create({ data: { slug: `${slug}-${Math.random().toString(36).slice(2, 8)}`, name: slug } })).id;
}

async function csvText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describeEachDatabase("suppression list", { env: { LOG_LEVEL: "silent" }, prefix: "migosmtp-suppressions-" }, (current) => {
  beforeAll(() => {
    ({ db } = current());
  });

  it("adds an address once, audited, and says when it is already there", async () => {
    const ws = await workspace("add");
    const row = await addSuppression({ db, workspaceId: ws, address: "a@example.com", note: "asked by phone", actor });
    expect(await db.suppression.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ reason: "manual", detail: "asked by phone", createdById: actor.id });
    expect(await db.auditEvent.findFirst({ where: { workspaceId: ws, action: "suppression.add" } })).toMatchObject({ targetId: row.id, targetLabel: "a@example.com", actorEmail: actor.email });
    await expect(addSuppression({ db, workspaceId: ws, address: "a@example.com", actor })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already on the suppression list (added by an admin, since ") });
  });

  it("removes an entry of its own workspace only, audited", async () => {
    const ws = await workspace("remove");
    const other = await workspace("other");
    const theirs = await addSuppression({ db, workspaceId: other, address: "b@example.com", actor });
    await expect(removeSuppression({ db, workspaceId: ws, suppressionId: theirs.id, actor })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.suppression.count({ where: { id: theirs.id } })).toBe(1);
    await removeSuppression({ db, workspaceId: other, suppressionId: theirs.id, actor });
    expect(await db.suppression.count({ where: { id: theirs.id } })).toBe(0);
    expect(await db.auditEvent.findFirst({ where: { workspaceId: other, action: "suppression.remove" } })).toMatchObject({ targetLabel: "b@example.com", metadata: JSON.stringify({ reason: "manual" }) });
  });

  it("searches by any part of the address and pages newest first", async () => {
    const ws = await workspace("search");
    const other = await workspace("search-other");
    const t0 = Date.now() - 60_000;
    await db.suppression.createMany({
      data: [
        ...Array.from({ length: 5 }, (_, i) => ({ workspaceId: ws, address: `user${i}@alpha.example`, reason: "manual", createdAt: new Date(t0 + i * 1000) })),
        { workspaceId: ws, address: "someone@beta.example", reason: "hard_bounce", createdAt: new Date(t0 + 10_000) },
        { workspaceId: other, address: "user9@alpha.example", reason: "manual" },
      ],
    });
    const first = await listSuppressions({ db, workspaceId: ws, query: { q: "alpha" }, limit: 3 });
    expect(first.rows.map((r) => r.address)).toEqual(["user4@alpha.example", "user3@alpha.example", "user2@alpha.example"]);
    const second = await listSuppressions({ db, workspaceId: ws, query: { q: "alpha", cursor: first.nextCursor! }, limit: 3 });
    expect(second.rows.map((r) => r.address)).toEqual(["user1@alpha.example", "user0@alpha.example"]);
    expect(second.nextCursor).toBeNull();
    expect((await listSuppressions({ db, workspaceId: ws, query: { q: "BETA".toLowerCase() } })).rows.map((r) => r.address)).toEqual(["someone@beta.example"]);
  });

  it("searches for _ and % as the characters they are", async () => {
    const ws = await workspace("search-wildcards");
    await db.suppression.createMany({ data: ["first_last@gamma.example", "firstxlast@gamma.example", "100%@gamma.example"].map((address) => ({ workspaceId: ws, address, reason: "manual" })) });
    const found = async (q: string) => (await listSuppressions({ db, workspaceId: ws, query: { q } })).rows.map((r) => r.address).sort();
    expect(await found("t_l")).toEqual(["first_last@gamma.example"]);
    expect(await found("%@")).toEqual(["100%@gamma.example"]);
  });

  it("exports the list as CSV with formula cells neutralised", async () => {
    const ws = await workspace("export");
    await addSuppression({ db, workspaceId: ws, address: "=cmd@example.com", note: '=HYPERLINK("http://evil.example","click")', actor });
    await addSuppression({ db, workspaceId: ws, address: "plain@example.com", note: "+1 555, call first", actor });
    const text = await csvText(suppressionsCsv(db, ws, undefined));
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("address,detail,reason,message_id,created_at");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^plain@example\.com,"'\+1 555, call first",manual,,\d{4}-/);
    expect(lines[2]).toMatch(/^'=cmd@example\.com,"'=HYPERLINK\(""http:\/\/evil\.example"",""click""\)",manual,,\d{4}-/);
    expect(await csvText(suppressionsCsv(db, ws, "plain"))).not.toContain("cmd@");
  });

  it("imports the accepted lines in one go, reports the rejected ones, and counts duplicates", async () => {
    const ws = await workspace("import");
    await addSuppression({ db, workspaceId: ws, address: "known@example.com", actor });
    const report = await importSuppressions({
      db,
      workspaceId: ws,
      fileName: "list.csv",
      csv: "email,note\nNew1@Example.com,from the old provider\nknown@example.com\nnot-an-address\nnew2@example.com\nnew1@example.com\n,empty first cell\n",
      actor,
    });
    expect(report).toEqual({
      added: 2,
      duplicates: 2,
      rejectedCount: 2,
      rejected: [
        { line: 4, text: "not-an-address", reason: expect.stringContaining("one @") },
        { line: 7, text: ",empty first cell", reason: expect.stringMatching(/^empty/) },
      ],
    });
    const rows = await db.suppression.findMany({ where: { workspaceId: ws, reason: "import" }, orderBy: { address: "asc" } });
    expect(rows.map((r) => [r.address, r.detail, r.createdById])).toEqual([
      ["new1@example.com", "from the old provider", actor.id],
      ["new2@example.com", null, actor.id],
    ]);
    expect(await db.auditEvent.findFirst({ where: { workspaceId: ws, action: "suppression.import" } })).toMatchObject({
      targetLabel: "list.csv",
      metadata: JSON.stringify({ added: 2, duplicates: 2, rejected: 2 }),
    });
  });

  it("imports an export of another workspace as it is", async () => {
    const from = await workspace("from");
    const to = await workspace("to");
    await addSuppression({ db, workspaceId: from, address: "x@example.com", note: "note, with comma", actor });
    await addSuppression({ db, workspaceId: from, address: "y@example.com", actor });
    // Cells the export neutralises with an apostrophe come back as they were, an apostrophe of their own included.
    await addSuppression({ db, workspaceId: from, address: "-bob@example.com", note: "=1+2", actor });
    await addSuppression({ db, workspaceId: from, address: "'+quoted@example.com", note: "'@home", actor });
    const report = await importSuppressions({ db, workspaceId: to, csv: await csvText(suppressionsCsv(db, from, undefined)), actor });
    expect(report).toMatchObject({ added: 4, duplicates: 0, rejectedCount: 0 });
    expect(await db.suppression.findUnique({ where: { workspaceId_address: { workspaceId: to, address: "x@example.com" } } })).toMatchObject({ detail: "note, with comma", reason: "import" });
    const imported = await db.suppression.findMany({ where: { workspaceId: to }, select: { address: true, detail: true }, orderBy: { address: "asc" } });
    expect(imported.filter((r) => /bob|quoted/.test(r.address))).toEqual([
      { address: "'+quoted@example.com", detail: "'@home" },
      { address: "-bob@example.com", detail: "=1+2" },
    ]);
  });

  it("writes nothing when the file is refused as a whole", async () => {
    const ws = await workspace("refused");
    await expect(importSuppressions({ db, workspaceId: ws, csv: 'a@example.com\n"broken\n', actor })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await db.suppression.count({ where: { workspaceId: ws } })).toBe(0);
    expect(await db.auditEvent.count({ where: { workspaceId: ws } })).toBe(0);
  });
});
