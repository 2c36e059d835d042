// The warm-up's query shapes must survive the pages' own parsers: a parameter they refuse is
// dropped, and the warm-up then plans a different, simpler query than the page will ask for.
import { describe, expect, it } from "vitest";
import { ACCOUNT_SORTS } from "../smtp-accounts/account-cursor";
import { parseDeliveryLogQuery } from "../delivery-logs/filters";
import { ZListAccountsQuery } from "../smtp-accounts/list-accounts";
import { accountListQueries, LOG_FILTERS } from "./warm-queries";

const kept = (raw: Record<string, string>, parsed: Record<string, unknown>) => Object.keys(raw).filter((k) => parsed[k] !== raw[k]);

describe("the start-up warm-up's query shapes", () => {
  it("keeps every SMTP Accounts parameter through the page's parser, cursors included", () => {
    for (const raw of accountListQueries()) expect(kept(raw, ZListAccountsQuery.parse(raw)), JSON.stringify(raw)).toEqual([]);
  });

  it("keeps every Delivery Logs parameter through the page's parser, accounts and cursors included", () => {
    for (const raw of LOG_FILTERS) expect(kept(raw, parseDeliveryLogQuery(raw)), JSON.stringify(raw)).toEqual([]);
  });

  it("covers each sort of SMTP Accounts in both directions, from the first page and after a cursor", () => {
    const shapes = new Set(accountListQueries().map((q) => `${q.sort}/${q.dir}/${q.after ? "after" : "first"}`));
    for (const sort of ACCOUNT_SORTS) for (const dir of ["asc", "desc"]) for (const at of ["first", "after"]) expect(shapes).toContain(`${sort}/${dir}/${at}`);
  });
});
