// SQLite is shared by the portal, the relay and the webhook thread, each with its own
// connection, and inside one process every request shares one connection. These tests pin the
// two promises the client makes about interactive transactions (lib/sqlite-adapter.ts):
// another connection's commit never fails them, and a query from outside never joins them.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./testing/test-database";

let database: TestDatabase;
const file = () => database.env.DATABASE_URL.slice("file:".length);

beforeAll(async () => {
  database = await createTestDatabase("SQLite");
  await database.db.$executeRawUnsafe("CREATE TABLE probe (id INTEGER PRIMARY KEY, note TEXT NOT NULL)");
});
afterAll(() => database?.drop());

/** Another process (like the relay) that, once told, inserts `note` and commits. */
function otherProcessWriter(note: string) {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1], { timeout: 10000 });
    process.stdin.once("data", () => {
      process.stdout.write("writing\\n");
      db.prepare("INSERT INTO probe (note) VALUES (?)").run(process.argv[2]);
      db.close();
      process.exit(0);
    });`;
  const child = spawn(process.execPath, ["-e", script, file(), note], { stdio: ["pipe", "pipe", "inherit"] });
  return {
    /** Tells it to write, and resolves once it has begun (it may then wait for our lock). */
    async write() {
      const started = once(child.stdout, "data");
      child.stdin.write("go\n");
      await started;
    },
    done: once(child, "exit"),
  };
}

async function notes(): Promise<string[]> {
  const rows = await database.db.$queryRawUnsafe<{ note: string }[]>("SELECT note FROM probe ORDER BY id");
  return rows.map((row) => row.note);
}

describe("interactive transactions on SQLite", () => {
  beforeEach(() => database.db.$executeRawUnsafe("DELETE FROM probe"));

  it("a transaction that reads and then writes commits although another process committed in between", async () => {
    const other = otherProcessWriter("from the relay");
    await database.db.$transaction(async (tx) => {
      await tx.$queryRawUnsafe("SELECT count(*) FROM probe");
      await other.write();
      // Long enough for the other process to commit if nothing holds it back (the failure this
      // guards against: a deferred BEGIN's stale snapshot gets SQLITE_BUSY_SNAPSHOT on its write).
      await sleep(300);
      await tx.$executeRawUnsafe("INSERT INTO probe (note) VALUES ('from the portal')");
    });
    await other.done;
    expect((await notes()).sort()).toEqual(["from the portal", "from the relay"]);
  });

  it("a write made outside an open transaction survives that transaction's rollback", async () => {
    let outside: Promise<unknown> | undefined;
    const rolledBack = database.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("INSERT INTO probe (note) VALUES ('inside, rolled back')");
      // Another request of the same process writes while this transaction is open.
      outside = database.db.$executeRawUnsafe("INSERT INTO probe (note) VALUES ('outside')");
      await sleep(100);
      throw new Error("refused");
    });
    await expect(rolledBack).rejects.toThrow("refused");
    await outside;
    expect(await notes()).toEqual(["outside"]);
  });
});
