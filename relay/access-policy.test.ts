import { describe, expect, it } from "vitest";
import { NO_POLICIES } from "./access-policy";
import { checkEnvelopeSender, checkHeaderFrom, type Decision, type SenderAccount } from "./policy";
import { replyLine } from "./replies";

const BASE: SenderAccount = {
  ...NO_POLICIES,
  fromAddress: "app@acme.test",
  domain: { name: "acme.test", status: "verified", workspaceId: "ws1" },
  id: "acc1",
  workspaceId: "ws1",
  status: "active",
  passwordVersion: 1,
};
const account = (over: Partial<SenderAccount> = {}): SenderAccount => ({ ...BASE, ...over });
const line = (d: Decision) => ("reply" in d ? replyLine(d.reply) : "ok");
const mailFrom = (acc: SenderAccount, address: string, clientIp = "127.0.0.1", now = new Date()) => checkEnvelopeSender({ authenticatedVersion: 1, account: acc, address, clientIp, now });

describe("an open session's next transaction", () => {
  it("is closed with 421 when its address left the allowlist, IPv4-mapped addresses included", () => {
    const acc = account({ ipAllowlist: "10.0.0.0/8" });
    for (const ip of ["127.0.0.1", "::ffff:127.0.0.1"]) {
      const decision = mailFrom(acc, "app@acme.test", ip);
      expect(line(decision)).toBe("421 4.7.0 Your address is no longer allowed to use this account, closing connection");
      expect(!decision.ok && decision.endsSession).toBe(true);
    }
    expect(line(mailFrom(acc, "app@acme.test", "::ffff:10.1.2.3"))).toBe("ok");
  });
  it("loses its authority with 535 once the password expired, by its own date or the workspace's maximum lifetime", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    expect(line(mailFrom(account({ expiresAt: now }), "app@acme.test", "127.0.0.1", now))).toBe("535 5.7.8 Authentication credentials invalid");
    const old = account({ passwordChangedAt: new Date("2026-01-01T00:00:00Z"), workspace: { maxPasswordLifetimeDays: 90 } });
    expect(line(mailFrom(old, "app@acme.test", "127.0.0.1", now))).toBe("535 5.7.8 Authentication credentials invalid");
    expect(line(mailFrom(old, "app@acme.test", "127.0.0.1", new Date("2026-03-01T00:00:00Z")))).toBe("ok");
  });
});

describe("an allowed-senders list", () => {
  const acc = account({ allowedSenders: "alerts+*@acme.test\nbilling@acme.test", verifiedDomains: ["acme.test"] });
  it("replaces the account's From rule on MAIL FROM, with 550 5.7.1 naming the list", () => {
    expect(line(mailFrom(acc, "billing@acme.test"))).toBe("ok");
    expect(line(mailFrom(acc, "Alerts+DB@acme.test"))).toBe("ok");
    expect(line(mailFrom(acc, "app@acme.test"))).toBe(
      "550 5.7.1 MAIL FROM app@acme.test is not an allowed sender of this account (allowed senders: alerts+*@acme.test, billing@acme.test); ask an admin to add it under Policies in MigoSMTP",
    );
  });
  it("holds the header From and Sender to the same list", () => {
    expect(line(checkHeaderFrom(acc, ["billing@acme.test"]))).toBe("ok");
    expect(line(checkHeaderFrom(acc, ["billing@acme.test"], { sender: ["ceo@acme.test"] }))).toMatch(/^550 5\.7\.1 Sender header ceo@acme\.test is not an allowed sender/);
    expect(line(checkHeaderFrom(acc, ["ceo@acme.test"]))).toMatch(/^550 5\.7\.1 From header ceo@acme\.test is not an allowed sender/);
  });
  it("counts an entry only while its domain is verified in the workspace (removed, or failing its re-check, it lets nothing through)", () => {
    const second = account({ allowedSenders: "billing@acme.test\n*@second.test", verifiedDomains: ["acme.test", "second.test"] });
    expect(line(mailFrom(second, "ceo@second.test"))).toBe("ok");
    const lapsed = account({ allowedSenders: "billing@acme.test\n*@second.test", verifiedDomains: ["acme.test"] });
    expect(line(mailFrom(lapsed, "ceo@second.test"))).toBe(
      "553 5.7.1 MAIL FROM is on second.test, which is not a verified domain of this workspace; verify it in MigoSMTP before sending as it",
    );
    expect(line(checkHeaderFrom(lapsed, ["ceo@second.test"]))).toMatch(/^553 5\.7\.1 From header is on second\.test, which is not a verified domain/);
    expect(line(mailFrom(lapsed, "billing@acme.test"))).toBe("ok");
  });
  it("still needs the account's domain verified", () => {
    expect(line(mailFrom(account({ allowedSenders: "billing@acme.test", domain: { name: "acme.test", status: "pending", workspaceId: "ws1" } }), "billing@acme.test"))).toMatch(/^553 5\.7\.1 The domain acme\.test is not verified/);
  });
});
