// providerOf must know a client made by another copy of lib/db.ts: Next.js may bundle the
// module more than once (server components, route handlers) while getDb() shares one client.
import { expect, it, vi } from "vitest";

it("knows each client's database even from another copy of the module", async () => {
  const first = await import("./db");
  vi.resetModules();
  const second = await import("./db");
  expect(second).not.toBe(first);
  // Neither client connects until its first query.
  const sqlite = first.createDb("file:/nonexistent/never-opened.db");
  const postgres = first.createDb("postgresql://nobody@127.0.0.1:1/never");
  expect(second.providerOf(sqlite)).toBe("sqlite");
  expect(second.providerOf(postgres)).toBe("postgresql");
  expect(second.containsIgnoringCase(postgres, "Ab")).toEqual({ contains: "Ab", mode: "insensitive" });
  expect(second.containsIgnoringCase(sqlite, "Ab")).toEqual({ contains: "Ab" });
});
