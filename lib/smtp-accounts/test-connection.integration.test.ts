// Test connection and Send a test email as the portal runs them: against the real relay, with
// the account's stored (encrypted) credentials, audit and "Last test" written.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { startTestRelay, type TestRelay } from "../../relay/test-relay";
import type { Actor } from "./actor";
import { sendTestEmail } from "./send-test-email";
import { testConnection } from "./test-connection";

let r: TestRelay;

beforeAll(async () => {
  r = await startTestRelay();
}, 120_000);

afterAll(async () => {
  await r?.close();
});

function actor(): Actor {
  return { id: `user_${randomBytes(4).toString("hex")}`, email: "dev@acme.test", authTime: new Date(), meta: { ip: "203.0.113.9", userAgent: "vitest" } };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("testConnection", () => {
  it.each(["starttls", "implicit"] as const)("passes on the %s port, audits it and records the last test", async (port) => {
    const account = await r.createAccount();
    const who = actor();
    const { result, lastTest } = await testConnection({ db: r.db, env: r.env, workspaceId: r.workspaceId, accountId: account.id, actor: who, actorName: "Dev Eloper", port });
    expect(result.ok).toBe(true);
    expect(result.target).toMatchObject({ host: "127.0.0.1", servername: "localhost", port: port === "starttls" ? r.ports.starttls : r.ports.tls });
    expect(lastTest).toMatchObject({ ok: true, step: null, byName: "Dev Eloper" });
    const row = await r.db.smtpAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(row).toMatchObject({ lastTestOk: true, lastTestStep: null, lastTestByName: "Dev Eloper" });
    expect(row.lastTestAt).toBeInstanceOf(Date);
    const audit = await r.db.auditEvent.findFirstOrThrow({ where: { workspaceId: r.workspaceId, action: "smtp.test_connection", targetId: account.id } });
    expect(audit.actorId).toBe(who.id);
    expect(JSON.parse(audit.metadata!)).toMatchObject({ ok: true, port, failedStep: null });
    expect(audit.metadata).not.toContain(account.password);
    expect(JSON.stringify(result)).not.toContain(account.password);
  });

  it("explains a disabled account as disabled, and records the failing step", async () => {
    const account = await r.createAccount({ status: "disabled" });
    const { result } = await testConnection({ db: r.db, env: r.env, workspaceId: r.workspaceId, accountId: account.id, actor: actor(), port: "starttls" });
    const failed = result.steps.find((s) => !s.ok)!;
    expect(failed.name).toBe("auth");
    expect(failed.failure?.kind).toBe("account_disabled");
    const row = await r.db.smtpAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(row).toMatchObject({ lastTestOk: false, lastTestStep: "auth", lastTestByName: "dev@acme.test" });
    const audit = await r.db.auditEvent.findFirstOrThrow({ where: { action: "smtp.test_connection", targetId: account.id } });
    expect(JSON.parse(audit.metadata!)).toMatchObject({ ok: false, failedStep: "auth", failureKind: "account_disabled" });
  });

  it("uses test@<domain> for a whole-domain account", async () => {
    const account = await r.createAccount({ fromAddress: null });
    const { result } = await testConnection({ db: r.db, env: r.env, workspaceId: r.workspaceId, accountId: account.id, actor: actor(), port: "starttls" });
    expect(result.target.from).toBe(`test@${r.domainName}`);
    expect(result.ok).toBe(true);
  });

  it("an account of another workspace is NOT_FOUND, and nothing is tested", async () => {
    const other = await r.db.workspace.create({ data: { slug: `other-${randomBytes(3).toString("hex")}`, name: "Other" } });
    const account = await r.createAccount();
    const error = await rejection(testConnection({ db: r.db, env: r.env, workspaceId: other.id, accountId: account.id, actor: actor(), port: "starttls" }));
    expect(error.code).toBe("NOT_FOUND");
    expect(await r.db.auditEvent.count({ where: { workspaceId: other.id } })).toBe(0);
  });

  it("is rate-limited per user and per account", async () => {
    const env = { ...r.env, SMTP_TEST_RATE_LIMIT: 2 };
    const account = await r.createAccount();
    const who = actor();
    for (let i = 0; i < 2; i++) await testConnection({ db: r.db, env, workspaceId: r.workspaceId, accountId: account.id, actor: who, port: "starttls" });
    expect((await rejection(testConnection({ db: r.db, env, workspaceId: r.workspaceId, accountId: account.id, actor: who, port: "starttls" }))).code).toBe("RATE_LIMITED");
    // Another user has budget left, but this account has not.
    expect((await rejection(testConnection({ db: r.db, env, workspaceId: r.workspaceId, accountId: account.id, actor: actor(), port: "starttls" }))).code).toBe("RATE_LIMITED");
  });
});

describe("sendTestEmail", () => {
  it("sends one message through the relay to the user's own address, from the account's From", async () => {
    const account = await r.createAccount();
    const who = actor();
    const outcome = await sendTestEmail({ db: r.db, env: r.env, workspaceId: r.workspaceId, accountId: account.id, actor: who });
    expect(outcome).toMatchObject({ sent: true, to: "dev@acme.test", from: account.fromAddress });
    await expect.poll(() => r.db.message.count({ where: { accountId: account.id } })).toBe(1);
    const message = await r.db.message.findFirstOrThrow({ where: { accountId: account.id }, include: { recipients: true } });
    expect(message.recipients.map((x) => x.address)).toEqual(["dev@acme.test"]);
    const audit = await r.db.auditEvent.findFirstOrThrow({ where: { action: "smtp.test_email", targetId: account.id } });
    expect(JSON.parse(audit.metadata!)).toMatchObject({ sent: true, to: "dev@acme.test" });
  });

  it("reports a refused send with the same diagnosis as the checker", async () => {
    const account = await r.createAccount({ status: "disabled" });
    const outcome = await sendTestEmail({ db: r.db, env: r.env, workspaceId: r.workspaceId, accountId: account.id, actor: actor() });
    expect(outcome.sent).toBe(false);
    if (!outcome.sent) expect(outcome.failure.kind).toBe("account_disabled");
    expect(await r.db.message.count({ where: { accountId: account.id } })).toBe(0);
  });
});
