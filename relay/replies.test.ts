import { describe, expect, it } from "vitest";
import { authFailureReply, greetingLine, hasEnhancedCode, messageTooBigReply, queuedReply, REPLY, replyLine } from "./replies";

// The help article quotes these lines word for word.
describe("replies the article quotes", () => {
  it("greets as the article says", () => {
    expect(greetingLine("smtp.migosmtp.com")).toBe("220 smtp.migosmtp.com ESMTP ready");
  });
  it("words AUTH outcomes exactly", () => {
    expect(replyLine(REPLY.authSuccess)).toBe("235 2.7.0 Authentication successful");
    expect(replyLine(authFailureReply("bad_credentials"))).toBe("535 5.7.8 Authentication credentials invalid");
    expect(replyLine(REPLY.startTlsFirst)).toBe("530 5.7.0 Must issue a STARTTLS command first");
  });
  it("does not tell unknown users from wrong passwords or disabled accounts", () => {
    const lines = (["bad_credentials", "unknown_user", "disabled"] as const).map((r) => replyLine(authFailureReply(r)));
    expect(new Set(lines).size).toBe(1);
  });
  it("answers a lockout with 454 4.7.0", () => {
    expect(replyLine(authFailureReply("locked_out"))).toMatch(/^454 4\.7\.0 /);
    expect(replyLine(authFailureReply("throttled"))).toMatch(/^454 4\.7\.0 /);
  });
  it("queues and limits size with the right codes", () => {
    expect(replyLine(queuedReply("m1"))).toBe("250 2.0.0 Ok: queued as m1");
    expect(replyLine(messageTooBigReply(100))).toMatch(/^552 5\.3\.4 /);
    expect(replyLine(REPLY.storageFailure)).toMatch(/^451 4\.3\.0 /);
  });
  it("recognises text that carries its own enhanced code", () => {
    expect(hasEnhancedCode("5.7.1 no")).toBe(true);
    expect(hasEnhancedCode("Error: no")).toBe(false);
  });
});
