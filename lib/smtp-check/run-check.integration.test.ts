// The staged checker against the real relay, started in-process on a temp database.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatTranscript } from "./format";
import { runSmtpCheck } from "./run-check";
import { freePort, startTestRelay, type TestAccount, type TestRelay } from "../../relay/test-relay";
import type { CheckOptions, CheckResult, TlsMode } from "./types";

let r: TestRelay;
const seen: { result: CheckResult; account: TestAccount }[] = [];

beforeAll(async () => {
  r = await startTestRelay({ AUTH_MAX_FAILURES: "3", AUTH_LOCKOUT: "600" });
}, 120_000);

afterAll(async () => {
  await r?.close();
});

function portOf(mode: TlsMode) {
  return mode === "starttls" ? r.ports.starttls : r.ports.tls;
}

async function check(account: TestAccount, over: Partial<CheckOptions> = {}): Promise<CheckResult> {
  const mode = over.tls ?? "starttls";
  const result = await runSmtpCheck({
    host: "127.0.0.1",
    servername: "localhost",
    port: portOf(mode),
    tls: mode,
    ca: r.certPem,
    username: account.username,
    password: account.password,
    from: account.fromAddress ?? `test@${r.domainName}`,
    timeoutMs: 5000,
    ...over,
  });
  seen.push({ result, account });
  return result;
}

function failed(result: CheckResult) {
  const step = result.steps.find((s) => !s.ok);
  expect(step, formatTranscript(result)).toBeDefined();
  return step!;
}

describe.each(["starttls", "implicit"] as const)("a good account on the %s port", (mode) => {
  it("passes every step, MAIL FROM then RSET, and sends nothing", async () => {
    const account = await r.createAccount();
    const before = await r.db.message.count();
    const result = await check(account, { tls: mode });
    expect(result.ok, formatTranscript(result)).toBe(true);
    const names = result.steps.map((s) => s.name);
    expect(names).toEqual(
      mode === "starttls"
        ? ["connect", "banner", "ehlo", "tls", "ehlo", "auth", "mail_from", "rset", "quit"]
        : ["connect", "tls", "banner", "ehlo", "auth", "mail_from", "rset", "quit"],
    );
    const step = (name: string) => result.steps.find((s) => s.name === name)!;
    expect(step("banner").reply).toBe("220 localhost ESMTP ready");
    expect(step("auth").reply).toBe("235 2.7.0 Authentication successful");
    expect(step("mail_from").reply).toMatch(/^250 /);
    expect(step("rset").reply).toMatch(/^250 /);
    expect(step("quit").reply).toMatch(/^221 /);
    const tls = step("tls").tls!;
    expect(tls.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(tls.cipher).toBeTruthy();
    expect(tls.subject).toContain("CN=localhost");
    expect(tls.issuer).toContain("CN=localhost");
    expect(new Date(tls.validTo!).getTime()).toBeGreaterThan(Date.now());
    expect(tls.hostnameMatches).toBe(true);
    expect(result.steps.filter((s) => s.name === "ehlo").at(-1)!.detail).toContain("AUTH PLAIN LOGIN");
    expect(formatTranscript(result)).toContain("Connection OK");
    expect(await r.db.message.count()).toBe(before);
  });

  it("says 535 means a wrong or reset password", async () => {
    const account = await r.createAccount();
    const result = await check({ ...account, password: `${account.password}x` }, { tls: mode });
    const step = failed(result);
    expect(step.name).toBe("auth");
    expect(step.reply).toMatch(/^535 /);
    expect(step.failure!.kind).toBe("bad_credentials");
    expect(formatTranscript(result)).toContain("the password is wrong or has been reset — reveal the current one in the portal");
    // A polite QUIT still follows a refused AUTH.
    expect(result.steps.at(-1)!.name).toBe("quit");
  });

  it("does not trust a certificate without the relay's CA", async () => {
    const account = await r.createAccount();
    const step = failed(await check(account, { tls: mode, ca: undefined }));
    expect(step.name).toBe("tls");
    expect(step.failure!.kind).toBe("certificate_untrusted");
  });

  it("refuses a certificate for another host name", async () => {
    const account = await r.createAccount();
    const step = failed(await check(account, { tls: mode, servername: "mail.other.test" }));
    expect(step.name).toBe("tls");
    expect(step.failure!.kind).toBe("certificate_wrong_host");
    expect(step.tls?.hostnameMatches).toBe(false);
    expect(step.tls?.subject).toContain("CN=localhost");
  });
});

describe("failures before SMTP", () => {
  it("a closed port is refused", async () => {
    const account = await r.createAccount();
    const result = await check(account, { port: await freePort() });
    const step = failed(result);
    expect(step.name).toBe("connect");
    expect(step.failure!.kind).toBe("refused");
  });

  it("a silent listener times out within the bound", async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const account = await r.createAccount();
      const started = Date.now();
      const result = await check(account, { port: (silent.address() as net.AddressInfo).port, timeoutMs: 300 });
      const elapsed = Date.now() - started;
      const step = failed(result);
      expect(step.name).toBe("banner");
      expect(step.failure!.kind).toBe("timeout");
      expect(step.durationMs).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(1500);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it("TLS from the first byte on the STARTTLS port fails as a TLS problem", async () => {
    const account = await r.createAccount();
    const step = failed(await check(account, { tls: "implicit", port: r.ports.starttls }));
    expect(step.name).toBe("tls");
    expect(step.failure!.kind).toBe("tls_failed");
  });
});

describe("the account's state", () => {
  it("a From outside the account's verified domain gets 553", async () => {
    const account = await r.createAccount({ fromAddress: null });
    const result = await check(account, { from: "someone@not-ours.test" });
    const step = failed(result);
    expect(step.name).toBe("mail_from");
    expect(step.reply).toMatch(/^553 /);
    expect(step.failure!.kind).toBe("from_not_allowed");
    expect(result.steps.map((s) => s.name)).not.toContain("rset");
  });

  it("a whole-domain account may use any address on its domain", async () => {
    const account = await r.createAccount({ fromAddress: null });
    expect((await check(account, { from: `test@${r.domainName}` })).ok).toBe(true);
  });

  it("a disabled account: 535 on the wire, and the portal's knowledge turns it into 'enable it'", async () => {
    const account = await r.createAccount({ status: "disabled" });
    const blind = failed(await check(account));
    expect(blind.reply).toMatch(/^535 /);
    expect(blind.failure!.kind).toBe("bad_credentials");
    const informed = failed(await check(account, { context: { accountStatus: "disabled" } }));
    expect(informed.failure).toMatchObject({ kind: "account_disabled", explanation: "the account is disabled" });
    expect(informed.failure!.action).toMatch(/^enable it/);
  });

  it("a locked-out (username, IP) pair gets 454 and how long to wait", async () => {
    const account = await r.createAccount();
    for (let i = 0; i < 3; i++) {
      expect(failed(await check({ ...account, password: `wrong-${i}` })).reply).toMatch(/^535 /);
    }
    const result = await check(account, { context: { lockoutMinutes: 10 } });
    const step = failed(result);
    expect(step.name).toBe("auth");
    expect(step.reply).toMatch(/^454 /);
    expect(step.failure!.kind).toBe("locked_out");
    expect(formatTranscript(result)).toContain("locked out after failed logins — wait 10 minutes");
  });

  it("AUTH LOGIN works too", async () => {
    const account = await r.createAccount();
    const result = await check(account, { authMethod: "LOGIN" });
    expect(result.ok, formatTranscript(result)).toBe(true);
    expect(result.steps.find((s) => s.name === "auth")!.detail).toContain("AUTH LOGIN");
  });
});

describe("secrets", () => {
  it("no transcript contains a password, its base64, or the AUTH PLAIN message", () => {
    expect(seen.length).toBeGreaterThan(10);
    for (const { result, account } of seen) {
      const b64 = (s: string) => Buffer.from(s).toString("base64");
      const passwords = [account.password, `${account.password}x`, "wrong-0", "wrong-1", "wrong-2"];
      const text = `${JSON.stringify(result)}\n${formatTranscript(result)}`;
      for (const p of passwords) {
        expect(text).not.toContain(p);
        expect(text).not.toContain(b64(p));
        expect(text).not.toContain(b64(`\0${account.username}\0${p}`));
      }
    }
  });
});
