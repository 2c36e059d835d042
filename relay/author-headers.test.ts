import { describe, expect, it } from "vitest";
import { HEADER_SHAPES, shapeMessage } from "./author-headers.corpus";
import { addressLikeText, readAuthorHeaders } from "./author-headers";
import { NO_POLICIES } from "./access-policy";
import { checkHeaderFrom, type SenderAccount } from "./policy";

const acme = { name: "acme.test", status: "verified", workspaceId: "ws1" };
const accounts: Record<"exact" | "domain", SenderAccount> = {
  exact: { id: "a1", status: "active", passwordVersion: 1, workspaceId: "ws1", fromAddress: "noreply@acme.test", domain: acme, ...NO_POLICIES },
  domain: { id: "a2", status: "active", passwordVersion: 1, workspaceId: "ws1", fromAddress: null, domain: acme, ...NO_POLICIES },
};

/** The reply line for a message, as the relay decides it: header shape first, then the account. */
function judge(raw: string, account: SenderAccount): string {
  const authors = readAuthorHeaders(Buffer.from(raw, "utf8"));
  if (!authors.ok) return `${authors.reply.code} ${authors.reply.text}`;
  const decision = checkHeaderFrom(account, authors.from, { sender: authors.sender, shown: authors.shown });
  return decision.ok ? "ok" : `${decision.reply.code} ${decision.reply.text}`;
}

describe("the author-header rule", () => {
  it("covers at least 20 header shapes, accepted and refused", () => {
    expect(HEADER_SHAPES.length).toBeGreaterThanOrEqual(20);
    expect(HEADER_SHAPES.filter((s) => s.refused).length).toBeGreaterThanOrEqual(20);
  });

  it.each(HEADER_SHAPES)("judges $name as a mail client would show it", (shape) => {
    const line = judge(shapeMessage(shape), accounts[shape.account ?? "exact"]);
    if (shape.refused) expect(line).toMatch(shape.refused);
    else expect(line).toBe("ok");
  });

  it("reads the unfolded, lower-cased From and Sender addresses", () => {
    const authors = readAuthorHeaders(Buffer.from('From: "A"\r\n <NoReply@Acme.Test>\r\nSender: b@acme.test\r\n\r\nFrom: body@x.test\r\n'));
    expect(authors).toMatchObject({ ok: true, from: ["noreply@acme.test"], sender: ["b@acme.test"], shown: [] });
  });

  it("punycodes an internationalised domain", () => {
    expect(readAuthorHeaders(Buffer.from("From: a@bücher.example\r\n\r\n"))).toMatchObject({ ok: true, from: ["a@xn--bcher-kva.example"] });
  });

  it("ignores a From that only appears in the body", () => {
    expect(judge("From: noreply@acme.test\r\n\r\nFrom: ceo@bank.example\r\n", accounts.exact)).toBe("ok");
  });

  it("refuses a header block too long to judge", () => {
    const raw = `From: noreply@acme.test\r\nX-Pad: ${"a".repeat(300 * 1024)}\r\n\r\nbody`;
    expect(judge(raw, accounts.exact)).toMatch(/^550 5\.7\.1 Message header: the header block is longer than/);
  });

  it("finds address-like text after compatibility folding", () => {
    expect(addressLikeText("Boss (ceo\uff20bank.example)")).toEqual(["ceo@bank.example"]);
    expect(addressLikeText("Acme Billing")).toEqual([]);
    expect(addressLikeText("ceo \t @\r\n bank.example")).toEqual(["ceo@bank.example"]);
  });

  it("judges a From whose display name is 200,000 spaces and a tab", () => {
    const name = `a${" ".repeat(100_000)}\t${" ".repeat(100_000)}b`;
    expect(judge(`From: "${name}" <noreply@acme.test>\r\n\r\nbody`, accounts.exact)).toBe("ok");
    expect(addressLikeText(`ceo${" ".repeat(200_000)}@ bank.example`)).toEqual(["ceo@bank.example"]);
  });
});
