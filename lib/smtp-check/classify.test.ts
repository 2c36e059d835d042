import { describe, expect, it } from "vitest";
import { classifyFailure, type ClassifyInput } from "./classify";
import { formatTranscript } from "./format";
import { REDACTED, scrubResult, secretForms } from "./scrub";
import type { CheckResult } from "./types";

const target = { host: "127.0.0.1", port: 587, tls: "starttls" as const, servername: "smtp.example.test", from: "app@example.test" };
const kind = (input: Omit<ClassifyInput, "target">) => classifyFailure({ target, ...input }).kind;

describe("classifyFailure", () => {
  it("reads Node's errno codes, directly or kept by nodemailer as originalCode", () => {
    expect(kind({ step: "connect", error: { code: "ECONNREFUSED" } })).toBe("refused");
    expect(kind({ step: "connect", error: { code: "ESOCKET", originalCode: "ECONNREFUSED" } })).toBe("refused");
    expect(kind({ step: "connect", error: { code: "ENOTFOUND" } })).toBe("dns_failure");
    expect(kind({ step: "connect", error: { code: "EDNS" } })).toBe("dns_failure");
    expect(kind({ step: "connect", error: { code: "EAI_AGAIN" } })).toBe("dns_failure");
    expect(kind({ step: "connect", error: { code: "EHOSTUNREACH" } })).toBe("unreachable");
    expect(kind({ step: "banner", error: { code: "ECONNECTION" } })).toBe("connection_closed");
  });

  it("timeouts, ours or nodemailer's", () => {
    expect(kind({ step: "banner", error: { code: "ETIMEDOUT", timeoutType: "GREETING_TIMEOUT" } })).toBe("timeout");
    expect(kind({ step: "auth", error: { code: "ETIMEDOUT" } })).toBe("timeout");
    expect(classifyFailure({ target, step: "banner", error: { code: "ETIMEDOUT" }, timeoutMs: 300 }).explanation).toContain("300 ms");
  });

  it("certificate problems by their TLS codes", () => {
    for (const code of ["DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE"])
      expect(kind({ step: "tls", error: { code: "ESOCKET", originalCode: code } })).toBe("certificate_untrusted");
    expect(kind({ step: "tls", error: { code: "CERT_HAS_EXPIRED" } })).toBe("certificate_expired");
    expect(kind({ step: "tls", error: { code: "ERR_TLS_CERT_ALTNAME_INVALID" } })).toBe("certificate_wrong_host");
    expect(kind({ step: "tls", error: { code: "ERR_SSL_WRONG_VERSION_NUMBER" } })).toBe("tls_failed");
    expect(kind({ step: "tls", error: { code: "ETLS" } })).toBe("tls_failed");
  });

  it("SMTP replies by their code, before any error code", () => {
    expect(kind({ step: "auth", error: { code: "EAUTH", responseCode: 530 } })).toBe("tls_required");
    expect(kind({ step: "auth", error: { code: "EAUTH", responseCode: 535 } })).toBe("bad_credentials");
    expect(kind({ step: "auth", error: { code: "EAUTH", responseCode: 454 } })).toBe("locked_out");
    expect(kind({ step: "mail_from", replyCode: 553 })).toBe("from_not_allowed");
    expect(kind({ step: "mail_from", replyCode: 451 })).toBe("unexpected_reply");
    expect(kind({ step: "ehlo", error: { code: "ECONNECTION", responseCode: 421 } })).toBe("connection_closed");
  });

  it("never reads the message text", () => {
    const error = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:25"), { code: "ESOCKET" });
    expect(kind({ step: "connect", error })).toBe("unknown");
  });

  it("uses what the caller knows: a disabled account, the lockout length", () => {
    const disabled = classifyFailure({ target, step: "auth", replyCode: 535, context: { accountStatus: "disabled" } });
    expect(`${disabled.explanation} — ${disabled.action}`).toMatch(/^the account is disabled — enable it/);
    const active = classifyFailure({ target, step: "auth", replyCode: 535, context: { accountStatus: "active" } });
    expect(`${active.explanation} — ${active.action}`).toMatch(/^the password is wrong or has been reset — reveal the current one in the portal/);
    const locked = classifyFailure({ target, step: "auth", replyCode: 454, context: { lockoutMinutes: 15 } });
    expect(`${locked.explanation} — ${locked.action}`).toMatch(/^locked out after failed logins — wait 15 minutes/);
    expect(classifyFailure({ target, step: "auth", replyCode: 454, context: { lockoutMinutes: 1 } }).action).toMatch(/^wait 1 minute,/);
  });
});

describe("scrubResult", () => {
  const username = "smtpuser_0a1b2c3d";
  const password = "Zq8v3LmN0pRt5WxY2aBcDeFgHiJk4567";
  const b64 = (s: string) => Buffer.from(s).toString("base64");

  it("removes the password, its base64 and the AUTH PLAIN message wherever they appear", () => {
    const result: CheckResult = {
      ok: false,
      target: { host: "h", port: 587, tls: "starttls", servername: null, username, from: null },
      startedAt: new Date(0).toISOString(),
      durationMs: 1,
      steps: [
        { name: "auth", ok: false, durationMs: 1, detail: `AUTH PLAIN ${b64(`\0${username}\0${password}`)}`, reply: `535 ${password}` },
        { name: "auth", ok: false, durationMs: 1, detail: b64(password), failure: { kind: "unknown", explanation: password, action: "x" } },
      ],
    };
    const text = JSON.stringify(scrubResult(result, secretForms(username, password)));
    expect(text).not.toContain(password);
    expect(text).not.toContain(b64(password));
    expect(text).not.toContain(b64(`\0${username}\0${password}`));
    expect(text).toContain(REDACTED);
    expect(text).toContain(username);
  });

  it("an empty password scrubs nothing", () => {
    expect(secretForms("u", "")).toEqual([]);
  });
});

describe("formatTranscript", () => {
  it("names the first failing step and its advice", () => {
    const text = formatTranscript({
      ok: false,
      target: { host: "127.0.0.1", port: 2587, tls: "starttls", servername: "localhost", username: "u", from: "a@b.test" },
      startedAt: new Date(0).toISOString(),
      durationMs: 5,
      steps: [
        { name: "connect", ok: true, durationMs: 1, detail: "connected to 127.0.0.1:2587" },
        {
          name: "auth",
          ok: false,
          durationMs: 2,
          detail: "AUTH PLAIN as u: refused: 535 5.7.8 Authentication credentials invalid",
          reply: "535 5.7.8 Authentication credentials invalid",
          failure: { kind: "bad_credentials", explanation: "the password is wrong or has been reset", action: "reveal the current one in the portal" },
        },
      ],
    });
    expect(text).toContain("localhost (127.0.0.1):2587 (STARTTLS)");
    expect(text).toContain("[FAIL] auth");
    expect(text).toContain("Result: FAILED at auth — the password is wrong or has been reset — reveal the current one in the portal");
  });
});
