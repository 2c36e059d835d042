import { describe, expect, it } from "vitest";
import { isRefusedWrite } from "./same-origin-write";

const PORTAL = "http://localhost:3000";

describe("writes need the portal as their Origin", () => {
  it("lets reads through whatever their Origin", () => {
    for (const m of ["GET", "HEAD", "OPTIONS", "get"]) expect(isRefusedWrite(m, null, PORTAL)).toBe(false);
  });

  it("lets a write from the portal's own pages through", () => {
    expect(isRefusedWrite("POST", "http://localhost:3000", PORTAL)).toBe(false);
  });

  it.each([
    ["no Origin", null],
    ["an opaque origin", "null"],
    ["another site", "http://evil.example"],
    ["another port", "http://localhost:3001"],
    ["another scheme", "https://localhost:3000"],
    ["another name for the same server", "http://127.0.0.1:3000"],
    ["a look-alike host", "http://localhost:3000.evil.example"],
    ["an empty value", ""],
  ])("refuses a write with %s", (_name, origin) => {
    for (const m of ["POST", "PUT", "PATCH", "DELETE"]) expect(isRefusedWrite(m, origin, PORTAL)).toBe(true);
  });
});
