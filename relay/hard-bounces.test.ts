import { describe, expect, it } from "vitest";
import { hardBounces } from "./retry-policy";
import { suppressedRecipientReply } from "./replies";

const rcptError = (recipient: string, responseCode: number, response: string) => ({ recipient, responseCode, response, command: "RCPT TO" });

describe("which recipients a smarthost hard-bounced", () => {
  it("takes every 5xx per-recipient refusal, with its reply", () => {
    const info = { accepted: ["ok@example.com"], rejectedErrors: [rcptError("Gone@Example.com", 550, "550 5.1.1 No such user"), rcptError("later@example.com", 450, "450 4.2.1 Mailbox busy")] };
    expect(hardBounces(info, ["ok@example.com", "gone@example.com", "later@example.com"])).toEqual([{ address: "gone@example.com", reply: "550 5.1.1 No such user" }]);
  });

  it("never takes a 4xx", () => {
    const error = { responseCode: 451, response: "451 4.1.1 try later", command: "DATA", rejectedErrors: [rcptError("a@example.com", 421, "421 4.4.2 closing")] };
    expect(hardBounces(error, ["a@example.com"])).toEqual([]);
    expect(hardBounces({ responseCode: 452, response: "452 4.1.1 full", command: "DATA" }, ["a@example.com"])).toEqual([]);
  });

  it("takes a whole-message 5xx for every recipient only when it is about the address (5.1.x)", () => {
    expect(hardBounces({ responseCode: 550, response: "550 5.1.1 Unknown user", command: "DATA" }, ["a@example.com", "b@example.com"])).toEqual([
      { address: "a@example.com", reply: "550 5.1.1 Unknown user" },
      { address: "b@example.com", reply: "550 5.1.1 Unknown user" },
    ]);
    expect(hardBounces({ responseCode: 554, response: "554 5.7.1 Message refused as spam", command: "DATA" }, ["a@example.com"])).toEqual([]);
    expect(hardBounces({ responseCode: 550, response: "550 5.1.8 Bad sender", command: "MAIL FROM" }, ["a@example.com"])).toEqual([]);
  });

  it("has nothing for a connection failure", () => {
    expect(hardBounces(Object.assign(new Error("connect ECONNREFUSED"), { code: "ESOCKET" }), ["a@example.com"])).toEqual([]);
  });
});

describe("the suppressed-recipient reply", () => {
  it("names the address, the reason, the date, and what to do", () => {
    expect(suppressedRecipientReply("a@example.com", "hard bounce", new Date("2026-11-02T10:00:00Z"))).toEqual({
      code: 550,
      text: "5.1.1 <a@example.com>: recipient is on this workspace's suppression list (hard bounce, since 2026-11-02); remove it in MigoSMTP to send again",
    });
  });
});
