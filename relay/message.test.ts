import { describe, expect, it } from "vitest";
import { addressesOf, appendHeaders, decodeMimeWords, headerValue, parseHeaders, receivedHeader, withoutEmptyFields } from "./message";

const msg = Buffer.from("From: \"Acme Billing\" <Billing@Acme.test>\r\nSubject: =?UTF-8?B?SGVsbG8g4pyT?=\r\n\tworld\r\n\r\nbody\r\n");

describe("headers", () => {
  it("parses folded headers and From addresses", () => {
    const parsed = parseHeaders(msg);
    expect(headerValue(parsed.fields, "from")).toBe('"Acme Billing" <Billing@Acme.test>');
    expect(addressesOf(headerValue(parsed.fields, "From")!)).toEqual(["billing@acme.test"]);
    expect(decodeMimeWords(headerValue(parsed.fields, "Subject")!)).toBe("Hello ✓ world");
    expect(parsed.eol).toBe("\r\n");
  });
  it("reads a value that starts on the next line without a leading space", () => {
    expect(headerValue(parseHeaders(Buffer.from("Message-ID:\r\n <folded@x>\r\n\r\nb")).fields, "Message-ID")).toBe("<folded@x>");
  });
  it("drops empty fields of a name, and keeps one whose value is on the next line", () => {
    const raw = Buffer.from("From: a@b.test\r\nMessage-ID:\r\nSubject: s\r\nmessage-id: \r\n \r\n\r\nbody\r\n");
    expect(withoutEmptyFields(raw, parseHeaders(raw), "Message-ID").toString()).toBe("From: a@b.test\r\nSubject: s\r\n\r\nbody\r\n");
    const folded = Buffer.from("Message-ID:\r\n <x@y>\r\n\r\nbody");
    expect(withoutEmptyFields(folded, parseHeaders(folded), "Message-ID")).toBe(folded);
  });
  it("flattens groups and lists in From", () => {
    expect(addressesOf("a@x.test, Team: b@y.test, c@z.test;")).toEqual(["a@x.test", "b@y.test", "c@z.test"]);
  });
  it("decodes Q encoded words", () => {
    expect(decodeMimeWords("=?iso-8859-1?Q?caf=E9_ol=E9?=")).toBe("café olé");
  });
  it("appends a header at the end of the header block", () => {
    const out = appendHeaders(msg, parseHeaders(msg), "Message-ID: <x@y>\r\n").toString();
    expect(out).toContain("\tworld\r\nMessage-ID: <x@y>\r\n\r\nbody");
  });
  it("handles a message without a body", () => {
    const raw = Buffer.from("From: a@b.test");
    expect(appendHeaders(raw, parseHeaders(raw), "X: 1\r\n").toString()).toBe("From: a@b.test\r\nX: 1\r\n");
  });
  it("reads raw 8-bit header bytes that are not UTF-8 as Latin-1", () => {
    expect(headerValue(parseHeaders(Buffer.from("Subject: caf\xe9 ol\xe9\r\n\r\nb", "latin1")).fields, "Subject")).toBe("caf\u00e9 ol\u00e9");
    expect(headerValue(parseHeaders(Buffer.from("Subject: caf\u00e9\r\n\r\nb", "utf8")).fields, "Subject")).toBe("caf\u00e9");
  });
  it("writes an internationalised EHLO name in the Received header in its ASCII form", () => {
    const h = receivedHeader({ helo: "\u00e9.example", clientHostname: null, clientIp: "127.0.0.1", publicHost: "smtp.migosmtp.com", protocol: "ESMTPSA", id: "m1", tlsProtocol: null, tlsCipher: null, envelopeTo: null, date: new Date(0) });
    expect(h).toMatch(/^Received: from xn--9ca\.example \(unknown \[127\.0\.0\.1\]\)/);
  });
  it("writes a Received header", () => {
    const h = receivedHeader({
      helo: "client.example",
      clientHostname: null,
      clientIp: "127.0.0.1",
      publicHost: "smtp.migosmtp.com",
      protocol: "ESMTPSA",
      id: "m1",
      tlsProtocol: "TLSv1.3",
      tlsCipher: "TLS_AES_256_GCM_SHA384",
      envelopeTo: "a@b.test",
      date: new Date("2026-01-02T03:04:05Z"),
    });
    expect(h).toBe(
      "Received: from client.example (unknown [127.0.0.1])\r\n\tby smtp.migosmtp.com (MigoSMTP) with ESMTPSA id m1\r\n\t(version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384)\r\n\tfor <a@b.test>;\r\n\tFri, 02 Jan 2026 03:04:05 +0000\r\n",
    );
  });
});
