// Integration tests of the database set-up (lib/setup/database.ts) and the client factory
// (lib/db.ts): real migrations through the Prisma CLI and the offline schema engine.
// SQLite always runs; PostgreSQL runs when TEST_DATABASE_URL names a server where the role may
// CREATE DATABASE (each run uses its own fresh database, dropped afterwards).
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv, type Env } from "./env";
import { ROOT } from "./root";
import { generateClients, migrateDatabase, SetupError } from "./setup/database";
import { derivePostgresSchema } from "./setup/postgres-schema.mjs";

const TIMEOUT = 120_000;

function makeEnv(databaseUrl: string, dataDir: string): Env {
  const key = () => randomBytes(32).toString("base64");
  return parseEnv({
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    CREDENTIALS_KEYS: `k1:${key()}`,
    VERIFIER_KEY: key(),
    DEMO_OIDC_CLIENT_SECRET: "test-demo-client-secret",
    IDP_COOKIE_KEYS: "test-cookie-key",
  });
}

function migrationNames(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The generated clients must exist before lib/db.ts can be imported. */
async function loadDb() {
  await generateClients({ derivedSchema: "check" });
  return import("./db");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe("schema files", () => {
  it("prisma/postgres/schema.prisma is derived from the current prisma/schema.prisma", () => {
    const source = fs.readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8");
    const derived = fs.readFileSync(path.join(ROOT, "prisma/postgres/schema.prisma"), "utf8");
    expect(derived, "stale: run node scripts/prisma/derive-postgres-schema.mjs").toBe(derivePostgresSchema(source));
  });
});

describe("SQLite", () => {
  let dir: string;
  let env: Env;
  const expected = migrationNames(path.join(ROOT, "prisma/migrations"));

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "migosmtp-db-test-"));
    // A directory that does not exist yet: migrateDatabase must create it.
    env = makeEnv(`file:${path.join(dir, "nested", "migosmtp.db")}`, dir);
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function appliedMigrations(): string[] {
    const db = new Database(env.SQLITE_PATH!, { readonly: true });
    try {
      const rows = db.prepare("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations").all() as {
        migration_name: string;
        finished_at: unknown;
        rolled_back_at: unknown;
      }[];
      expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
      return rows.map((r) => r.migration_name).sort();
    } finally {
      db.close();
    }
  }

  it(
    "applies every migration to a fresh file, in WAL mode, and the client can write and read",
    async () => {
      const { createDb } = await loadDb();
      await migrateDatabase(env);

      expect(expected.length).toBeGreaterThan(0);
      expect(appliedMigrations()).toEqual(expected);

      const raw = new Database(env.SQLITE_PATH!);
      try {
        expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
      } finally {
        raw.close();
      }

      const db = createDb(env.DATABASE_URL);
      try {
        const created = await db.workspace.create({ data: { slug: "acme", name: "Acme" } });
        const read = await db.workspace.findUnique({ where: { slug: "acme" } });
        expect(read).toMatchObject({ id: created.id, name: "Acme", sendLimitPerMinute: 120 });
      } finally {
        await db.$disconnect();
      }
    },
    TIMEOUT,
  );

  it(
    "running it again is a no-op",
    async () => {
      const { createDb } = await loadDb();
      await migrateDatabase(env);
      expect(appliedMigrations()).toEqual(expected);
      const db = createDb(env.DATABASE_URL);
      try {
        expect(await db.workspace.count()).toBe(1);
      } finally {
        await db.$disconnect();
      }
    },
    TIMEOUT,
  );
});

describe("PostgreSQL errors", () => {
  it(
    "an unreachable server is a one-line SetupError naming DATABASE_URL, without the password",
    async () => {
      const port = await freePort();
      const env = makeEnv(`postgresql://migo:s3cretpass@127.0.0.1:${port}/migosmtp`, os.tmpdir());
      const error = await migrateDatabase(env).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SetupError);
      const message = (error as SetupError).message;
      expect(message).toContain("DATABASE_URL");
      expect(message).toContain(`127.0.0.1:${port}`);
      expect(message).not.toContain("\n");
      expect(message).not.toContain("s3cretpass");
    },
    TIMEOUT,
  );
});

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

describe.skipIf(!TEST_DATABASE_URL)("PostgreSQL", () => {
  const name = `migosmtp_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const expected = migrationNames(path.join(ROOT, "prisma/postgres/migrations"));
  let url: string;
  let env: Env;

  function withDatabase(database: string): string {
    const u = new URL(TEST_DATABASE_URL!);
    u.pathname = `/${database}`;
    return u.toString();
  }

  async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    url = withDatabase(name);
    env = makeEnv(url, os.tmpdir());
  });
  afterAll(async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  async function appliedMigrations(): Promise<string[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
        "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations",
      );
      expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
      return rows.map((r) => r.migration_name).sort();
    } finally {
      await client.end();
    }
  }

  it(
    "applies every migration to a fresh database and the client can write and read",
    async () => {
      const { createDb } = await loadDb();
      await migrateDatabase(env);
      expect(await appliedMigrations()).toEqual(expected);

      const db = createDb(url);
      try {
        const created = await db.workspace.create({ data: { slug: "acme", name: "Acme" } });
        const read = await db.workspace.findUnique({ where: { slug: "acme" } });
        expect(read).toMatchObject({ id: created.id, name: "Acme", sendLimitPerDay: 20000 });
      } finally {
        await db.$disconnect();
      }
    },
    TIMEOUT,
  );

  it(
    "running it again is a no-op",
    async () => {
      const { createDb } = await loadDb();
      await migrateDatabase(env);
      expect(await appliedMigrations()).toEqual(expected);
      const db = createDb(url);
      try {
        expect(await db.workspace.count()).toBe(1);
      } finally {
        await db.$disconnect();
      }
    },
    TIMEOUT,
  );

  // pg's pool closes a connection idle for 10 s: an admin's next page after a pause then paid a
  // new connection and a backend with cold caches (~80 ms more for Overview + SMTP Accounts).
  it(
    "keeps an idle connection past pg's 10-second default, so the next query after a pause reuses its backend (Prisma's pool and the driver's reads)",
    async () => {
      const { createDb } = await loadDb();
      const { readsOf } = await import("./driver-reads");
      const db = createDb(url);
      try {
        const pid = async () => (await db.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]!.pid;
        const driverPid = async () => (await readsOf(db).all<{ pid: number }>("SELECT pg_backend_pid() AS pid", []))[0]!.pid;
        const before = [await pid(), await driverPid()];
        await new Promise((r) => setTimeout(r, 11_000));
        expect([await pid(), await driverPid()]).toEqual(before);
      } finally {
        await db.$disconnect();
      }
    },
    TIMEOUT,
  );

  it(
    "a database that does not exist is a one-line SetupError",
    async () => {
      const missing = makeEnv(withDatabase(`${name}_missing`), os.tmpdir());
      await expect(migrateDatabase(missing)).rejects.toThrow(
        new SetupError(`DATABASE_URL: database "${name}_missing" does not exist on ${new URL(url).hostname}:${new URL(url).port || 5432} — create it or fix the URL`),
      );
    },
    TIMEOUT,
  );
});
