// Header shapes for the author-header rule, shared by its unit test and the test through the
// relay. Each shape is generated from a few parts (the From lines, extra headers, line ending)
// and says what the account `noreply@acme.test` (or, with `account: "domain"`, any address on
// acme.test) must hear: accepted, or refused with a reply matching `refused`.
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

export type HeaderShape = { name: string; headers: string[]; eol?: "\r\n" | "\n"; account?: "exact" | "domain"; refused?: RegExp };

const SPOOF = "ceo@bank.example";

export const HEADER_SHAPES: HeaderShape[] = [
  // Accepted: one From, every shown address allowed.
  { name: "a bare address", headers: ["From: noreply@acme.test"] },
  { name: "a display name", headers: ['From: "No Reply" <noreply@acme.test>'] },
  { name: "upper-case name and address", headers: ["FROM: NoReply@ACME.test"] },
  { name: "space and tab before the colon", headers: ["From \t:\tnoreply@acme.test"] },
  { name: "a folded display name", headers: ['From: "No', ' Reply"', "\t<noreply@acme.test>"] },
  { name: "an encoded-word display name", headers: [`From: =?UTF-8?B?${b64("Écho Acme")}?= <noreply@acme.test>`] },
  { name: "a comment", headers: ["From: noreply@acme.test (Acme robot)"] },
  { name: "its own address as display name", headers: ['From: "noreply@acme.test" <noreply@acme.test>'] },
  { name: "an allowed Sender", headers: ["From: <noreply@acme.test>", "Sender: noreply@acme.test"] },
  { name: "a trailing dot on the domain", headers: ["From: noreply@acme.test."] },
  { name: "LF line endings throughout", headers: ["From: noreply@acme.test", "Subject: lf"], eol: "\n" },
  { name: "two mailboxes on the domain", headers: ["From: a@acme.test, b@acme.test", "Sender: a@acme.test"], account: "domain" },
  // Refused: a second author a client could show.
  { name: "a second From", headers: ["From: noreply@acme.test", `From: ${SPOOF}`], refused: /^550 5\.7\.1 From header: appears 2 times/ },
  { name: "a second from with a space before the colon", headers: ["From: noreply@acme.test", `from : ${SPOOF}`], refused: /^550 5\.7\.1 From header: appears 2 times/ },
  { name: "a second FROM after a tab", headers: ["From: noreply@acme.test", "Subject: x", `FROM:\t${SPOOF}`], refused: /^550 5\.7\.1 From header: appears 2 times/ },
  { name: "a second From folded over two lines", headers: ["From: noreply@acme.test", "From:", `  ${SPOOF}`], refused: /^550 5\.7\.1 From header: appears 2 times/ },
  { name: "a second mailbox in From", headers: [`From: noreply@acme.test, ${SPOOF}`], refused: /^553 5\.7\.1 From header must be noreply@acme\.test/ },
  { name: "a second address folded in without a comma", headers: ["From: noreply@acme.test", `\t${SPOOF}`], refused: /^550 5\.7\.1 From header: the display name shows ceo@bank\.example/ },
  { name: "a foreign Sender", headers: ["From: noreply@acme.test", `Sender: ${SPOOF}`], refused: /^553 5\.7\.1 Sender header must be noreply@acme\.test/ },
  { name: "two Sender headers", headers: ["From: noreply@acme.test", "Sender: noreply@acme.test", "Sender: noreply@acme.test"], refused: /^550 5\.7\.1 Sender header: appears 2 times/ },
  { name: "a Sender with two mailboxes", headers: ["From: noreply@acme.test", "Sender: noreply@acme.test, noreply@acme.test"], refused: /^550 5\.7\.1 Sender header: must hold exactly one mailbox/ },
  { name: "group syntax", headers: ["From: Acme: noreply@acme.test;"], refused: /^550 5\.7\.1 From header: uses group syntax/ },
  { name: "an empty group", headers: ["From: undisclosed-recipients:;"], refused: /^550 5\.7\.1 From header: uses group syntax/ },
  { name: "an empty From", headers: ["From:", "Subject: empty from"], refused: /^550 5\.7\.1 From header: has no address/ },
  { name: "no From at all", headers: ["Subject: no from"], refused: /^550 5\.7\.1 From header: missing/ },
  { name: "an address as quoted display name", headers: [`From: "${SPOOF}" <noreply@acme.test>`], refused: /^550 5\.7\.1 From header: the display name shows ceo@bank\.example/ },
  { name: "an address in an encoded-word display name", headers: [`From: =?UTF-8?Q?ceo=40bank=2Eexample?= <noreply@acme.test>`], refused: /^550 5\.7\.1 From header: the display name shows ceo@bank\.example/ },
  { name: "a fullwidth at sign in the display name", headers: [`From: ceo\uff20bank.example <noreply@acme.test>`], refused: /^550 5\.7\.1 From header: the display name shows ceo@bank\.example/ },
  { name: "spaces around the at sign in a display name", headers: ["From: ceo @ bank.example <noreply@acme.test>"], refused: /^550 5\.7\.1 From header: the display name shows ceo@bank\.example/ },
  { name: "an address in a comment", headers: [`From: noreply@acme.test (${SPOOF})`], refused: /^550 5\.7\.1 From header: the display name shows ceo@bank\.example/ },
  { name: "a UTF-7 encoded display name", headers: ["From: =?UTF-7?Q?ceo+AEA-bank.example?= <noreply@acme.test>"], refused: /^550 5\.7\.1 From header: has an encoded word in the charset <UTF-7>/ },
  { name: "a whole From as one encoded word", headers: [`From: =?UTF-8?B?${b64(SPOOF)}?=`], refused: /^550 5\.7\.1 From header: has a mailbox without an address/ },
  { name: "an encoded word in the address", headers: ["From: <=?UTF-8?Q?ceo=40bank.example?=@acme.test>"], account: "domain", refused: /^550 5\.7\.1 From header: the address .* contains an encoded word/ },
  { name: "a quoted local part", headers: [`From: "${SPOOF}"@acme.test`], account: "domain", refused: /^550 5\.7\.1 From header: the address .* has a quoted local part/ },
  { name: "an address literal", headers: ["From: noreply@[127.0.0.1]"], refused: /^550 5\.7\.1 From header: the address .* uses an address literal/ },
  { name: "a Cyrillic look-alike domain", headers: ["From: noreply@\u0430cme.test"], account: "domain", refused: /^553 5\.7\.1 From header must be an address on acme\.test/ },
  { name: "a punycode look-alike domain", headers: ["From: noreply@xn--cme-8cd.test"], account: "domain", refused: /^553 5\.7\.1 From header must be an address on acme\.test/ },
  { name: "a bare CR before a second From", headers: [`From: noreply@acme.test\rFrom: ${SPOOF}`], refused: /^550 5\.7\.1 Message header: the header block has a bare CR/ },
  { name: "a bare LF among CRLF lines", headers: ["From: noreply@acme.test", "Subject: x\n", `From: ${SPOOF}`], refused: /^550 5\.7\.1 Message header: mixes CRLF and LF line endings/ },
  { name: "LF lines with a CRLF header after their blank line", headers: ["From: noreply@acme.test", "", `\r\nFrom: ${SPOOF}\r`], eol: "\n", refused: /^550 5\.7\.1 Message header: mixes CRLF and LF line endings/ },
  { name: "a control character in From", headers: ["From: noreply@acme.test\u0000ceo"], refused: /^550 5\.7\.1 From header: contains control characters/ },
];

/** The message a shape stands for: its header lines, a Subject when it has none, a body. */
export function shapeMessage(shape: HeaderShape): string {
  const eol = shape.eol ?? "\r\n";
  const lines = [...shape.headers, "To: someone@example.com"];
  if (!shape.headers.some((h) => /^subject/i.test(h))) lines.push(`Subject: ${shape.name}`);
  return `${lines.join(eol)}${eol}${eol}Hello.${eol}`;
}
