import { describe, expect, it } from "vitest";
import {
  authAllowed,
  checkCredentialCurrent,
  checkEnvelopeSender,
  checkParameters,
  checkHeaderFrom,
  checkRecipient,
  domainOf,
  ehloFeatures,
  normaliseAddress,
  type SenderAccount,
} from "./policy";
import { replyLine } from "./replies";
import { NO_POLICIES } from "./access-policy";

const account = (over: Partial<SenderAccount> = {}): SenderAccount => ({
  id: "acc1",
  status: "active",
  passwordVersion: 3,
  workspaceId: "ws1",
  fromAddress: null,
  domain: { name: "acme.test", status: "verified", workspaceId: "ws1" },
  ...NO_POLICIES,
  ...over,
});

const line = (d: { ok: true } | { ok: false; reply: { code: number; text: string } }) => (d.ok ? "ok" : replyLine(d.reply));

describe("EHLO features", () => {
  const offered = ["PIPELINING", "8BITMIME", "ENHANCEDSTATUSCODES", "AUTH PLAIN LOGIN", "STARTTLS", "SIZE 10485760"];
  it("offers STARTTLS and no AUTH before TLS", () => {
    expect(ehloFeatures(offered, { tls: false })).toEqual(["PIPELINING", "8BITMIME", "ENHANCEDSTATUSCODES", "STARTTLS", "SIZE 10485760"]);
  });
  it("offers AUTH and no STARTTLS after TLS", () => {
    expect(ehloFeatures(offered, { tls: true })).toEqual(["PIPELINING", "8BITMIME", "ENHANCEDSTATUSCODES", "AUTH PLAIN LOGIN", "SIZE 10485760"]);
  });
});

describe("AUTH before TLS", () => {
  it("is refused with the article's 530 line", () => {
    expect(line(authAllowed({ tls: false }))).toBe("530 5.7.0 Must issue a STARTTLS command first");
    expect(authAllowed({ tls: true }).ok).toBe(true);
  });
});

describe("credential re-check", () => {
  it("accepts the version the session authenticated with", () => {
    expect(checkCredentialCurrent(3, account()).ok).toBe(true);
  });
  it.each([
    ["a reset password", account({ passwordVersion: 4 })],
    ["a disabled account", account({ status: "disabled" })],
    ["a deleted account", null],
  ])("refuses %s with 535 and ends the session's authority", (_name, acc) => {
    const decision = checkCredentialCurrent(3, acc);
    expect(line(decision)).toBe("535 5.7.8 Authentication credentials invalid");
    expect(!decision.ok && decision.endsSession).toBe(true);
  });
  it("keeps the session when only the sender is refused", () => {
    const decision = checkEnvelopeSender({ authenticatedVersion: 3, account: account(), address: "ceo@globex.test", clientIp: "127.0.0.1" });
    expect(!decision.ok && decision.endsSession).toBeFalsy();
  });
});

describe("MAIL FROM", () => {
  const check = (address: string, acc: SenderAccount | null = account(), version = 3) =>
    line(checkEnvelopeSender({ authenticatedVersion: version, account: acc, address, clientIp: "127.0.0.1" }));

  it("accepts any address on the verified domain (case-insensitive)", () => {
    expect(check("billing@acme.test")).toBe("ok");
    expect(check("Billing@ACME.test")).toBe("ok");
  });
  it("refuses another domain, naming the rule", () => {
    expect(check("ceo@globex.test")).toBe("553 5.7.1 MAIL FROM must be an address on acme.test, the verified domain of this account");
  });
  it("refuses a subdomain (exact domain only)", () => {
    expect(check("x@mail.acme.test")).toMatch(/^553 5\.7\.1 /);
  });
  it("refuses a non-ASCII mailbox with 553 5.6.7: SMTPUTF8 is not offered", () => {
    expect(check("\u00e9@acme.test")).toBe("553 5.6.7 Non-ASCII sender address: this relay does not offer SMTPUTF8; use an ASCII address");
  });
  it("refuses an unverified domain", () => {
    expect(check("a@acme.test", account({ domain: { name: "acme.test", status: "pending", workspaceId: "ws1" } }))).toBe(
      "553 5.7.1 The domain acme.test is not verified yet; verify it in MigoSMTP before sending",
    );
  });
  it("refuses a domain of another workspace", () => {
    expect(check("a@acme.test", account({ domain: { name: "acme.test", status: "verified", workspaceId: "ws2" } }))).toMatch(/^553 5\.7\.1 /);
  });
  it("holds an account with a From address to that address", () => {
    const acc = account({ fromAddress: "noreply@acme.test" });
    expect(check("NoReply@acme.test", acc)).toBe("ok");
    expect(check("sales@acme.test", acc)).toBe("553 5.7.1 MAIL FROM must be noreply@acme.test, the From address of this account");
  });
  it("refuses the null sender", () => {
    expect(check("")).toMatch(/^553 5\.7\.1 /);
  });
  it("checks the credential before the sender", () => {
    expect(check("ceo@globex.test", account(), 2)).toBe("535 5.7.8 Authentication credentials invalid");
  });
});

describe("From header", () => {
  it("requires every From mailbox to pass the rule", () => {
    expect(line(checkHeaderFrom(account(), ["a@acme.test"]))).toBe("ok");
    expect(line(checkHeaderFrom(account(), ["a@acme.test", "b@globex.test"]))).toBe(
      "553 5.7.1 From header must be an address on acme.test, the verified domain of this account",
    );
  });
  it("refuses a message without a From address", () => {
    expect(line(checkHeaderFrom(account(), []))).toMatch(/^553 5\.7\.1 The message has no From header/);
  });
});

describe("RCPT TO", () => {
  it("limits recipients per message with 452 4.5.3", () => {
    expect(checkRecipient({ address: "a@b.test", acceptedSoFar: 1, max: 2 }).ok).toBe(true);
    expect(line(checkRecipient({ address: "a@b.test", acceptedSoFar: 2, max: 2 }))).toBe("452 4.5.3 Too many recipients: at most 2 per message");
  });
  it("refuses an address without a domain", () => {
    expect(line(checkRecipient({ address: "postmaster", acceptedSoFar: 0, max: 2 }))).toMatch(/^501 5\.1\.3 Bad recipient address syntax/);
  });
  it("refuses addresses no mail system delivers to, saying what is wrong", () => {
    for (const address of ["a@b", "a@example", "c@localhost", "a@-x.com", "a@1.2.3.4", `${"l".repeat(65)}@example.com`, `a@${"d".repeat(64)}.com`, "a b@example.com", '"a b"@example.com'])
      expect(line(checkRecipient({ address, acceptedSoFar: 0, max: 2 })), address).toMatch(/^501 5\.1\.3 Bad recipient address syntax: /);
  });
  it("refuses a non-ASCII mailbox with 553 5.6.7: SMTPUTF8 is not offered", () => {
    expect(line(checkRecipient({ address: "\u00e9@example.com", acceptedSoFar: 0, max: 2 }))).toBe("553 5.6.7 Non-ASCII recipient address: this relay does not offer SMTPUTF8; use an ASCII address");
  });
  it("takes a quoted local part as the mailbox it names, in the form the suppression list compares", () => {
    expect(checkRecipient({ address: '"blocked"@Example.com', acceptedSoFar: 0, max: 2 })).toEqual({ ok: true, address: "blocked@example.com" });
    // The local part's case is the receiving system's to fold, not the relay's.
    expect(checkRecipient({ address: '"Blocked"@Example.com', acceptedSoFar: 0, max: 2 })).toEqual({ ok: true, address: "Blocked@example.com" });
    expect(checkRecipient({ address: '"blo\\cked"@example.com', acceptedSoFar: 0, max: 2 })).toEqual({ ok: true, address: "blocked@example.com" });
    expect(checkRecipient({ address: "Alice@B\u00fccher.example", acceptedSoFar: 0, max: 2 })).toEqual({ ok: true, address: "Alice@xn--bcher-kva.example" });
  });
});

describe("MAIL FROM and RCPT TO parameters", () => {
  it("refuses those of extensions the relay does not offer with 555 5.5.4, naming them", () => {
    expect(line(checkParameters("MAIL FROM", { RET: "FULL", ENVID: "x" }))).toBe("555 5.5.4 MAIL FROM parameter RET is not supported: this relay does not offer DSN");
    expect(line(checkParameters("MAIL FROM", { SMTPUTF8: true }))).toBe("555 5.5.4 MAIL FROM parameter SMTPUTF8 is not supported: this relay does not offer SMTPUTF8");
    expect(line(checkParameters("RCPT TO", { NOTIFY: "NEVER" }))).toBe("555 5.5.4 RCPT TO parameter NOTIFY is not supported: this relay does not offer DSN");
  });
  it("takes the ones it offers", () => {
    expect(checkParameters("MAIL FROM", { SIZE: "1000", BODY: "8BITMIME" }).ok).toBe(true);
    expect(checkParameters("MAIL FROM", false).ok).toBe(true);
    expect(checkParameters("RCPT TO", {}).ok).toBe(true);
  });
});

describe("addresses", () => {
  it("lower-cases and punycodes the domain", () => {
    expect(domainOf("a@Bücher.Example")).toBe("xn--bcher-kva.example");
    expect(normaliseAddress("Foo@ACME.test")).toBe("foo@acme.test");
    expect(domainOf("nodomain")).toBe("");
  });
});
