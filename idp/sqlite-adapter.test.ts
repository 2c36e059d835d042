// The SQLite adapter against oidc-provider's adapter contract: expiry, consume, secondary
// lookups, revocation by grant, and survival across reopening the file.
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { openIdpStore } from "./sqlite-adapter";
import { tempDataDir } from "./test-support";

const dir = tempDataDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("openIdpStore", () => {
  it("stores, finds, consumes and destroys", async () => {
    const store = openIdpStore(dir);
    const codes = store.adapterFor("AuthorizationCode");
    await codes.upsert("c1", { jti: "c1", grantId: "g1", accountId: "a" }, 60);
    expect(await codes.find("c1")).toEqual({ jti: "c1", grantId: "g1", accountId: "a" });
    expect(await store.adapterFor("AccessToken").find("c1")).toBeUndefined(); // models are separate

    await codes.consume("c1");
    expect((await codes.find("c1"))?.consumed).toBeGreaterThan(0);

    await codes.destroy("c1");
    expect(await codes.find("c1")).toBeUndefined();
    store.close();
  });

  it("hides expired rows", async () => {
    const store = openIdpStore(dir);
    const tokens = store.adapterFor("AccessToken");
    await tokens.upsert("old", { jti: "old" }, -1);
    await tokens.upsert("forever", { jti: "forever" });
    expect(await tokens.find("old")).toBeUndefined();
    expect(await tokens.find("forever")).toEqual({ jti: "forever" });
    store.close();
  });

  it("finds sessions by uid and device codes by user code", async () => {
    const store = openIdpStore(dir);
    await store.adapterFor("Session").upsert("s1", { jti: "s1", uid: "u1", accountId: "a" }, 60);
    expect((await store.adapterFor("Session").findByUid("u1"))?.jti).toBe("s1");
    await store.adapterFor("DeviceCode").upsert("d1", { jti: "d1", userCode: "ABCD-EFGH" }, 60);
    expect((await store.adapterFor("DeviceCode").findByUserCode("ABCD-EFGH"))?.jti).toBe("d1");
    store.close();
  });

  it("revokes every token of a grant, and only those", async () => {
    const store = openIdpStore(dir);
    const at = store.adapterFor("AccessToken");
    await at.upsert("t1", { jti: "t1", grantId: "g2" }, 60);
    await at.upsert("t2", { jti: "t2", grantId: "g2" }, 60);
    await at.upsert("t3", { jti: "t3", grantId: "other" }, 60);
    await at.revokeByGrantId("g2");
    expect(await at.find("t1")).toBeUndefined();
    expect(await at.find("t2")).toBeUndefined();
    expect(await at.find("t3")).toBeDefined();
    store.close();
  });

  it("keeps rows across reopening the database", async () => {
    const first = openIdpStore(dir);
    await first.adapterFor("Grant").upsert("g9", { jti: "g9", accountId: "a" }, 3600);
    first.close();
    const second = openIdpStore(dir);
    expect(await second.adapterFor("Grant").find("g9")).toEqual({ jti: "g9", accountId: "a" });
    expect(fs.statSync(`${dir}/idp/store.db`).mode & 0o777).toBe(0o600);
    second.close();
  });

  it("clears consumed when a row is rewritten", async () => {
    const store = openIdpStore(dir);
    const interactions = store.adapterFor("Interaction");
    await interactions.upsert("i1", { jti: "i1" }, 60);
    await interactions.consume("i1");
    await interactions.upsert("i1", { jti: "i1", returnTo: "/auth/i1" }, 60);
    expect(await interactions.find("i1")).toEqual({ jti: "i1", returnTo: "/auth/i1" });
    store.close();
  });
});
