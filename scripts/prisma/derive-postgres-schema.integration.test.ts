// The derived-schema gate must be able to fail: a hand edit of prisma/postgres/schema.prisma is
// refused by `--check` (which npm test runs before anything could regenerate the file).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");
const copies: string[] = [];

/** The script and both schema files in a scratch tree laid out like the repository. */
function scratchTree(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migosmtp-derive-"));
  copies.push(dir);
  for (const file of ["scripts/prisma/derive-postgres-schema.mjs", "lib/setup/postgres-schema.mjs", "prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(dir, file));
  }
  return dir;
}

const check = (dir: string) => spawnSync("node", [path.join(dir, "scripts/prisma/derive-postgres-schema.mjs"), "--check"], { encoding: "utf8" });

afterEach(() => {
  for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the derived PostgreSQL schema check", () => {
  it("passes on the committed schemas", () => {
    expect(check(scratchTree()).status).toBe(0);
  });

  it("fails when the derived schema was edited by hand", () => {
    const dir = scratchTree();
    fs.appendFileSync(path.join(dir, "prisma/postgres/schema.prisma"), "\n// a hand edit\n");
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("prisma/postgres/schema.prisma is stale");
  });

  it("fails when the models changed and the derived schema was not regenerated", () => {
    const dir = scratchTree();
    const source = path.join(dir, "prisma/schema.prisma");
    fs.writeFileSync(source, fs.readFileSync(source, "utf8").replace(/model SmtpAccount \{/, "model SmtpAccount {\n  addedField String?"));
    expect(check(dir).status).toBe(1);
  });

  it("fails when the derived schema is missing", () => {
    const dir = scratchTree();
    fs.rmSync(path.join(dir, "prisma/postgres/schema.prisma"));
    expect(check(dir).stderr).toContain("is missing");
  });
});
