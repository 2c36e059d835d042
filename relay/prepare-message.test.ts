import { describe, expect, it } from "vitest";
import { headerCount, parseHeaders } from "./message";
import { prepareMessage } from "./prepare-message";
import { testSession } from "./test-session";

const prepare = (raw: string) => prepareMessage({ session: testSession("acc_1"), envelopeFrom: "app@acme.test", recipients: ["a@example.com"], raw: Buffer.from(raw), publicHost: "relay.test" });

describe("a prepared message", () => {
  it("gets the relay's Message-ID in place of an empty one: one Message-ID, stored as sent", () => {
    const m = prepare("From: app@acme.test\r\nMessage-ID:\r\nSubject: e\r\n\r\nbody\r\n");
    expect(m.messageIdHeader).toBe(`<${m.id}@relay.test>`);
    const fields = parseHeaders(m.raw).fields;
    expect(headerCount(fields, "Message-ID")).toBe(1);
    expect(m.raw.toString()).toContain(`Subject: e\r\nMessage-ID: <${m.id}@relay.test>\r\n\r\nbody\r\n`);
  });

  it("keeps a folded Message-ID, without the fold's space", () => {
    const m = prepare("From: app@acme.test\r\nMessage-ID:\r\n <folded@x>\r\n\r\nbody\r\n");
    expect(m.messageIdHeader).toBe("<folded@x>");
    expect(headerCount(parseHeaders(m.raw).fields, "Message-ID")).toBe(1);
  });

  it("names a single recipient in Received as RCPT TO spelled its local part, and keeps the lower-cased address for the logs", () => {
    const m = prepareMessage({ session: testSession("acc_1"), envelopeFrom: "app@acme.test", recipients: ["Mixed.Case@example.com"], raw: Buffer.from("Subject: s\r\n\r\nbody\r\n"), publicHost: "relay.test" });
    expect(m.raw.toString()).toContain("\tfor <Mixed.Case@example.com>");
    expect(m.recipients).toEqual([{ address: "mixed.case@example.com", domain: "example.com", mailbox: "Mixed.Case@example.com" }]);
  });

  it("cuts a long Subject at 998 characters without leaving half of a UTF-16 pair", () => {
    const m = prepareMessage({ session: testSession("acc_1"), envelopeFrom: "app@acme.test", recipients: ["a@example.com"], raw: Buffer.from(`Subject: ${"a".repeat(997)}\u{1F680}\r\n\r\nbody\r\n`), publicHost: "relay.test" });
    expect(m.subject).toHaveLength(998);
    expect(m.subject!.endsWith("a\uFFFD")).toBe(true);
  });

  it("keeps MAIL FROM's local part as spelled beside its lower-cased address, and no spelling for a null or lower-case sender", () => {
    const prepare = (envelopeFrom: string) => prepareMessage({ session: testSession("acc_1"), envelopeFrom, recipients: ["a@example.com"], raw: Buffer.from("Subject: s\r\n\r\nbody\r\n"), publicHost: "relay.test" });
    expect(prepare("Bounces+AbC@ACME.Test")).toMatchObject({ envelopeFrom: "bounces+abc@acme.test", envelopeMailbox: "Bounces+AbC@acme.test" });
    expect(prepare("app@ACME.test")).toMatchObject({ envelopeFrom: "app@acme.test", envelopeMailbox: null });
    expect(prepare("")).toMatchObject({ envelopeFrom: "", envelopeMailbox: null });
  });
});
