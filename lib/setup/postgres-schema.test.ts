import { describe, expect, it } from "vitest";
import { derivePostgresSchema } from "./postgres-schema.mjs";

const source = `generator client {
  provider = "prisma-client"
  output   = "../lib/generated/sqlite"
}

datasource db {
  provider = "sqlite"
}

model A {
  id    String @id
  label String
  // postgres: @@index([label(ops: raw("gin_trgm_ops"))], type: Gin)
}
`;

describe("the PostgreSQL schema derived from the shared one", () => {
  it("turns a line marked '// postgres:' into a real line there, and only there", () => {
    const derived = derivePostgresSchema(source);
    expect(derived).toContain('\n  @@index([label(ops: raw("gin_trgm_ops"))], type: Gin)\n');
    expect(derived).not.toContain("// postgres:");
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('"../../lib/generated/postgres"');
  });
});
