// The demo user directory: scrypt-checked passwords, case-insensitive emails, no hint whether an
// email exists.
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "../lib/demo/fixtures";
import { escapeHtml } from "./html";
import { createUserDirectory, type UserDirectory } from "./users";

let users: UserDirectory;
beforeAll(async () => {
  users = await createUserDirectory("s3cret-pass");
});

describe("createUserDirectory", () => {
  it("accepts a demo user's email with the password, in any case", async () => {
    expect((await users.verify("ADMIN@acme.test ", "s3cret-pass"))?.sub).toBe("demo-admin-acme");
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    expect(await users.verify("admin@acme.test", "s3cret-pasS")).toBeUndefined();
    expect(await users.verify("nobody@acme.test", "s3cret-pass")).toBeUndefined();
    expect(await users.verify("", "")).toBeUndefined();
  });

  it("finds every demo user by sub", () => {
    for (const u of DEMO_USERS) expect(users.findBySub(u.sub)).toEqual(u);
    expect(users.findBySub("nobody")).toBeUndefined();
  });
});

describe("escapeHtml", () => {
  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    expect(escapeHtml(undefined)).toBe("");
  });
});
