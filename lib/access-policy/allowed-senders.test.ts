import { describe, expect, it } from "vitest";
import { MAX_SENDER_PATTERNS, parseAllowedSenders, senderAllowed, sendersNarrow } from "./allowed-senders";

const VERIFIED = ["acme.test", "mail.acme.test", "bücher.test"];
const value = (text: string) => {
  const parsed = parseAllowedSenders(text, VERIFIED);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};
const error = (text: string) => {
  const parsed = parseAllowedSenders(text, VERIFIED);
  return parsed.ok ? "ok" : parsed.message;
};

describe("parsing allowed senders", () => {
  it("keeps honouring an entry saved before the dot-atom rule, which a form would now refuse", () => {
    expect(error("john..doe@acme.test")).toMatch(/is not an address before the @/);
    expect(senderAllowed("john..doe@acme.test\nbilling.+*@acme.test", "john..doe@acme.test")).toBe(true);
    expect(senderAllowed("john..doe@acme.test\nbilling.+*@acme.test", "billing.+x@acme.test")).toBe(true);
  });

  it("refuses a domain the URL host parser would cut short, instead of saving a different one", () => {
    expect(error("*@acme.test?evil.example")).toMatch(/does not end in a domain name/);
    expect(error("ops@acme.test#x")).toMatch(/does not end in a domain name/);
  });

  it("stores the three kinds lower-case, sorted and without duplicates", () => {
    expect(value("Billing@ACME.test, *@mail.acme.test\nalerts+*@acme.test billing@acme.test")).toBe("*@mail.acme.test\nalerts+*@acme.test\nbilling@acme.test");
  });
  it("stores an internationalised domain in punycode", () => {
    expect(value("*@Bücher.test")).toBe("*@xn--bcher-kva.test");
  });
  it("is null when empty, so the account's own From rule applies", () => {
    expect(value("")).toBeNull();
  });
  it("refuses a domain that is not verified in the workspace, and names the verified ones", () => {
    expect(error("ceo@globex.test")).toBe(
      "globex.test is not a verified domain of this workspace; verify it on the Domains page first, or use one of: acme.test, mail.acme.test, xn--bcher-kva.test",
    );
  });
  it.each([
    ["billing", "is not an address"],
    ["*@*.acme.test", "does not end in a domain name"],
    ["bill*@acme.test", '"*" may only stand for the whole local part'],
    ["a+b+*@acme.test", 'before "+*" write one plain local part'],
    ["a b@acme.test", "is not an address"],
    ["a\"b@acme.test", "is not an address before the @"],
    // Dots only between atoms, and RFC 5321's 64 characters.
    [".@acme.test", "is not an address before the @"],
    ["a..b@acme.test", "is not an address before the @"],
    [`${"a".repeat(65)}@acme.test`, "is not an address before the @"],
  ])("refuses %s and says what is wrong", (text, message) => {
    expect(error(text)).toContain(message);
  });
  it(`refuses more than ${MAX_SENDER_PATTERNS} patterns`, () => {
    expect(error(Array.from({ length: MAX_SENDER_PATTERNS + 1 }, (_, i) => `a${i}@acme.test`).join(" "))).toContain(`at most ${MAX_SENDER_PATTERNS}`);
  });
});

describe("matching a sender", () => {
  const list = value("billing@acme.test\n*@mail.acme.test\nalerts+*@acme.test")!;
  it.each([
    ["billing@acme.test", true],
    ["billing2@acme.test", false],
    ["anyone@mail.acme.test", true],
    ["anyone@sub.mail.acme.test", false],
    ["alerts@acme.test", true],
    ["alerts+db@acme.test", true],
    ["alertsx@acme.test", false],
    ["billing@acme.test.evil", false],
  ])("%s → %s", (address, allowed) => {
    expect(senderAllowed(list, address)).toBe(allowed);
  });
});

describe("whether a change narrows the sender list", () => {
  it("narrows when every new pattern is inside an old one", () => {
    expect(sendersNarrow("*@acme.test", "billing@acme.test\nalerts+*@acme.test")).toBe(true);
    expect(sendersNarrow("alerts+*@acme.test", "alerts+db@acme.test")).toBe(true);
    expect(sendersNarrow("alerts+*@acme.test", "alerts+db+*@acme.test")).toBe(true);
  });
  it("widens when a pattern reaches beyond the old ones", () => {
    expect(sendersNarrow("billing@acme.test", "*@acme.test")).toBe(false);
    expect(sendersNarrow("alerts@acme.test", "alerts+*@acme.test")).toBe(false);
    expect(sendersNarrow("*@acme.test", "*@mail.acme.test")).toBe(false);
  });
});
