// Test connection: the staged SMTP check (lib/smtp-check) run live against our own relay with
// an account's stored credentials, decrypted here on the server only. Rate-limited per user and
// per account; each test leaves an AuditEvent (result and failing step, never a secret) and the
// account's "Last test" in the same transaction.
import { z } from "zod";
import type { Db } from "../db";
import type { Env } from "../env";
import { recordAudit } from "../audit/record";
import { decryptStoredPassword } from "../credentials/stored-password";
import { AppError } from "../errors/app-error";
import { consumeRateLimit } from "../rate-limit/consume";
import { relayTarget } from "../smtp-check/relay-target";
import { runSmtpCheck } from "../smtp-check/run-check";
import type { CheckResult, TlsMode } from "../smtp-check/types";
import type { Actor } from "./actor";

export type TestConnectionEnv = Pick<
  Env,
  | "SMTP_PUBLIC_HOST"
  | "SMTP_PUBLIC_PORT"
  | "SMTPS_PUBLIC_PORT"
  | "RELAY_TLS_CERT"
  | "SMTP_TEST_TIMEOUT_MS"
  | "SMTP_TEST_RATE_LIMIT"
  | "CREDENTIALS_KEYS"
  | "AUTH_LOCKOUT"
>;

export type TestConnectionInput = {
  db: Db;
  env: TestConnectionEnv;
  workspaceId: string;
  accountId: string;
  actor: Actor;
  /** Shown as "Last test … by <name>" (the actor's email when not given). */
  actorName?: string | null;
  port: TlsMode;
  /** Typed by the user when the workspace keeps no copy (show-once); never stored or logged. */
  password?: string;
};

/** A password typed for a test (show-once workspaces keep none to decrypt): bounded, never stored. */
export const ZTypedPassword = z.string().min(1, "Enter the account's password").max(256, "That is longer than any SMTP password here");

export type TestConnectionOutcome = { result: CheckResult; lastTest: { at: string; ok: boolean; step: string | null; byName: string } };

export const TEST_ACCOUNT_SELECT = {
  id: true,
  label: true,
  username: true,
  status: true,
  fromAddress: true,
  passwordCiphertext: true,
  domain: { select: { name: true } },
} as const;

/** The From address a test uses: the account's own, or test@ its domain for whole-domain accounts. */
export function testFromAddress(account: { fromAddress: string | null; domain: { name: string } }): string {
  return account.fromAddress ?? `test@${account.domain.name}`;
}

/** Per-user and per-account budgets, shared by Test connection and Send a test email. */
export async function consumeTestBudget(
  db: Db,
  { actorId, accountId, limit, kind }: { actorId: string; accountId: string; limit: number; kind: "connection" | "email" },
): Promise<void> {
  const windowSeconds = 3600;
  for (const [key, who] of [
    [`smtp-test-${kind}:user:${actorId}`, "You have"],
    [`smtp-test-${kind}:account:${accountId}`, "This account has"],
  ] as const) {
    const result = await consumeRateLimit(db, { key, limit, windowSeconds });
    if (!result.allowed) {
      const what = kind === "connection" ? "connection tests" : "test emails";
      throw new AppError("RATE_LIMITED", `${who} used its ${limit} ${what} this hour. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`);
    }
  }
}

export async function testConnection({ db, env, workspaceId, accountId, actor, actorName, port, password }: TestConnectionInput): Promise<TestConnectionOutcome> {
  const account = await db.smtpAccount.findFirst({ where: { id: accountId, workspaceId }, select: TEST_ACCOUNT_SELECT });
  if (!account) throw new AppError("NOT_FOUND", "This SMTP account does not exist in this workspace.");
  await consumeTestBudget(db, { actorId: actor.id, accountId: account.id, limit: env.SMTP_TEST_RATE_LIMIT, kind: "connection" });

  const target = relayTarget(env, port);
  const result = await runSmtpCheck({
    ...target,
    tls: port,
    username: account.username,
    password: password ?? decryptStoredPassword(account, env),
    from: testFromAddress(account),
    timeoutMs: env.SMTP_TEST_TIMEOUT_MS,
    context: { accountStatus: account.status, lockoutMinutes: Math.ceil(env.AUTH_LOCKOUT / 60) },
  });

  const failed = result.steps.find((s) => !s.ok);
  const lastTest = { at: new Date(), ok: result.ok, step: failed?.name ?? null, byName: (actorName || actor.email).slice(0, 200) };
  await db.$transaction(async (tx) => {
    // updateMany: an account deleted meanwhile is simply not updated.
    await tx.smtpAccount.updateMany({
      where: { id: account.id, workspaceId },
      data: { lastTestAt: lastTest.at, lastTestOk: lastTest.ok, lastTestStep: lastTest.step, lastTestByName: lastTest.byName },
    });
    await recordAudit(tx, actor, {
      action: "smtp.test_connection",
      workspaceId,
      target: { type: "smtp_account", id: account.id, label: account.label },
      metadata: {
        ok: result.ok,
        port,
        failedStep: failed?.name ?? null,
        failureKind: failed?.failure?.kind ?? null,
        reply: failed?.reply ?? null,
        durationMs: result.durationMs,
      },
    });
  });
  return { result, lastTest: { ...lastTest, at: lastTest.at.toISOString() } };
}
