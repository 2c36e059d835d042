// Test databases of every kind the product supports: SQLite always, and PostgreSQL when
// TEST_DATABASE_URL names a server where the role may create databases (CI sets it). Each is
// fresh and migrated, and dropped afterwards. No test runner here: benchmarks use it too.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import pg from "pg";
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

/** A new, empty database on TEST_DATABASE_URL's PostgreSQL server, and how to drop it. */
export async function scratchPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `migosmtp_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** A fresh test environment (temp dir, secrets) whose DATABASE_URL is a new, migrated database of `kind`. */
export async function createTestDatabase(kind: DatabaseKind, overrides: Record<string, string> = {}, prefix = "migosmtp-db-"): Promise<TestDatabase> {
  const postgres = kind === "PostgreSQL" ? await scratchPostgresDatabase() : undefined;
  const testEnv = createTestEnv({ ...(postgres ? { DATABASE_URL: postgres.url } : {}), ...overrides }, prefix);
  await migrateDatabase(testEnv.env);
  const db = createDb(testEnv.env.DATABASE_URL);
  return {
    ...testEnv,
    kind,
    db,
    async drop() {
      await db.$disconnect();
      await postgres?.drop();
      fs.rmSync(testEnv.dir, { recursive: true, force: true });
    },
  };
}
