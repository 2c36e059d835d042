import { describe, expect, it } from "vitest";
import { buildCredentialsView } from "./credentials-view";
import { credentialSnippets } from "./snippets";

const endpoint = { SMTP_PUBLIC_HOST: "localhost", SMTP_PUBLIC_PORT: 2587, SMTPS_PUBLIC_PORT: 2465, REVEAL_TTL: 60 };
const reveals = { count: 0, lastBy: null, lastAt: null };
const account = (fromAddress: string | null) => ({
  id: "acct_1",
  label: "Billing system",
  username: "smtpuser_a3b2f1c9",
  fromAddress,
  passwordVersion: 1,
  passwordChangedAt: new Date(0),
  domain: { name: "acme.test" },
});

describe("the From Email of the credentials panel", () => {
  it("is a usable address for a domain-wide account, with 'any address at' the domain as help beside it", () => {
    const view = buildCredentialsView(account(null), "p".repeat(32), endpoint, reveals);
    expect(view.fromEmail).toEqual({ value: "yourname@acme.test", help: "any address at acme.test" });
  });

  it("is the account's one address, without help, when the account has one", () => {
    const view = buildCredentialsView(account("noreply@acme.test"), "p".repeat(32), endpoint, reveals);
    expect(view.fromEmail).toEqual({ value: "noreply@acme.test", help: null });
  });

  it("puts the same usable address in the .env snippet", () => {
    const env = credentialSnippets(buildCredentialsView(account(null), "p".repeat(32), endpoint, reveals)).find((s) => s.id === "env")!;
    expect(env.code).toContain("SMTP_FROM=yourname@acme.test");
  });
});
