// Database integration suites run on every database the product supports: SQLite always, and
// PostgreSQL when TEST_DATABASE_URL names a server where the role may create databases (CI sets
// it). Each run gets a fresh, migrated database of its own, dropped afterwards.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { createDb, type Db } from "../db";
import { migrateDatabase } from "../setup/database";
import { createTestEnv, type TestEnv } from "./test-env";

export type DatabaseKind = "SQLite" | "PostgreSQL";

export type TestDatabase = TestEnv & { kind: DatabaseKind; db: Db; drop(): Promise<void> };

export function databaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ["SQLite", "PostgreSQL"] : ["SQLite"];
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh test environment (temp dir, secrets) whose DATABASE_URL is a new, migrated database of `kind`. */
export async function createTestDatabase(kind: DatabaseKind, overrides: Record<string, string> = {}, prefix = "migosmtp-db-"): Promise<TestDatabase> {
  let databaseUrl: string | undefined;
  let name: string | undefined;
  if (kind === "PostgreSQL") {
    name = `migosmtp_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    await onServer(`CREATE DATABASE "${name}"`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  const testEnv = createTestEnv({ ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...overrides }, prefix);
  await migrateDatabase(testEnv.env);
  const db = createDb(testEnv.env.DATABASE_URL);
  return {
    ...testEnv,
    kind,
    db,
    async drop() {
      await db.$disconnect();
      if (name) await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      fs.rmSync(testEnv.dir, { recursive: true, force: true });
    },
  };
}

type SuiteOptions = { env?: Record<string, string>; prefix?: string };
type Suite = (current: () => TestDatabase, kind: DatabaseKind) => void;

/**
 * `describe(title)` once per database kind, each with its own fresh database (and `options.env`
 * layered over the test environment). The suite reads the current database through `current()`
 * inside its hooks and tests.
 */
export function describeEachDatabase(title: string, suite: Suite): void;
export function describeEachDatabase(title: string, options: SuiteOptions, suite: Suite): void;
export function describeEachDatabase(title: string, a: Suite | SuiteOptions, b?: Suite): void {
  const [options, suite] = typeof a === "function" ? [{}, a] : [a, b!];
  for (const kind of databaseKinds()) {
    describe(`${title} (${kind})`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(kind, options.env, options.prefix);
      }, 180_000);
      afterAll(async () => {
        await database?.drop();
      });
      suite(() => {
        if (!database) throw new Error(`the ${kind} test database is not ready`);
        return database;
      }, kind);
    });
  }
}
