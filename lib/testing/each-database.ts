// Database integration suites run on every database the product supports (test-database.ts):
// `describeEachDatabase` is `describe` once per kind, each with a fresh database of its own.
import { afterAll, beforeAll, describe } from "vitest";
import { createTestDatabase, databaseKinds, type DatabaseKind, type TestDatabase } from "./test-database";

export type { DatabaseKind, TestDatabase };

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
