import { describe, expect, it } from "vitest";
import { accountWalks, encodeAccountCursor, decodeAccountCursor } from "./account-cursor";

describe("the accounts list's index walks", () => {
  it("walks the used accounts by time, then the never-used ones by id, for last used", () => {
    expect(accountWalks("lastUsed", "desc", undefined).map((w) => w.orderBy)).toEqual([[{ lastUsedAt: "desc" }, { id: "desc" }], [{ id: "desc" }]]);
  });

  it("goes on among the never-used accounts only, after a cursor that is one of them", () => {
    expect(accountWalks("lastUsed", "asc", { value: null, id: "acct_b" })).toEqual([{ where: { lastUsedAt: null, id: { gt: "acct_b" } }, orderBy: [{ id: "asc" }] }]);
  });

  it("matches nothing after a cursor whose time does not parse, in every sort that has a time", () => {
    const cursor = decodeAccountCursor(encodeAccountCursor({ value: "not a time", id: "acct_a" }));
    for (const sort of ["lastUsed", "created"] as const) expect(accountWalks(sort, "asc", cursor), sort).toEqual([{ where: { id: "" }, orderBy: [{ id: "asc" }] }]);
  });

  it("matches nothing after a never-used cursor in a sort other than last used", () => {
    expect(accountWalks("label", "desc", { value: null, id: "acct_a" })).toEqual([{ where: { id: "" }, orderBy: [{ id: "desc" }] }]);
  });
});
