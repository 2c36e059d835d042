// Send a test email: ONE message through our own relay with an account's stored credentials,
// to the signed-in user's own address only (never a recipient from the browser), from the
// account's From address. It goes through the relay like any application's mail, so it shows
// in the delivery log. Rate-limited like Test connection, and audited.
import nodemailer from "nodemailer";
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import { decryptStoredPassword } from "../credentials/stored-password";
import { AppError } from "../errors/app-error";
import { classifyFailure, type ErrorCodes } from "../smtp-check/classify";
import { relayTarget } from "../smtp-check/relay-target";
import { scrubText, secretForms } from "../smtp-check/scrub";
import type { Failure, StepName, TlsMode } from "../smtp-check/types";
import type { Actor } from "./actor";
import { consumeTestBudget, TEST_ACCOUNT_SELECT, type TestConnectionEnv, testFromAddress } from "./test-connection";

export type SendTestEmailInput = {
  db: Db;
  env: TestConnectionEnv;
  workspaceId: string;
  accountId: string;
  actor: Actor;
  port?: TlsMode;
  /** Typed by the user when the workspace keeps no copy (show-once); never stored or logged. */
  password?: string;
};

export type SendTestEmailOutcome =
  | { sent: true; to: string; from: string; reply: string }
  | { sent: false; to: string; from: string; reply: string | null; failure: Failure };

/** nodemailer names the command that failed; map it to our step names for the diagnosis. */
function stepOf(command: unknown): StepName {
  const c = typeof command === "string" ? command.toUpperCase() : "";
  if (c.startsWith("AUTH")) return "auth";
  if (c === "MAIL FROM") return "mail_from";
  if (c === "STARTTLS") return "tls";
  if (c === "CONN") return "connect";
  return "mail_from";
}

export async function sendTestEmail({ db, env, workspaceId, accountId, actor, port = "starttls", password: typed }: SendTestEmailInput): Promise<SendTestEmailOutcome> {
  const account = await db.smtpAccount.findFirst({ where: { id: accountId, workspaceId }, select: TEST_ACCOUNT_SELECT });
  if (!account) throw new AppError("NOT_FOUND", "This SMTP account does not exist in this workspace.");
  if (!actor.email || !/^[^\s<>@]+@[^\s<>@]+$/.test(actor.email))
    throw new AppError("INVALID_INPUT", "Your profile has no email address to send the test to.");
  await consumeTestBudget(db, { actorId: actor.id, accountId: account.id, limit: env.SMTP_TEST_RATE_LIMIT, kind: "email" });

  const target = relayTarget(env, port);
  const password = typed ?? decryptStoredPassword(account, env);
  const from = testFromAddress(account);
  const to = actor.email;
  const transport = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    secure: port === "implicit",
    requireTLS: port === "starttls",
    auth: { user: account.username, pass: password },
    tls: { ca: target.ca, servername: target.servername },
    connectionTimeout: env.SMTP_TEST_TIMEOUT_MS,
    greetingTimeout: env.SMTP_TEST_TIMEOUT_MS,
    socketTimeout: env.SMTP_TEST_TIMEOUT_MS,
  });

  let outcome: SendTestEmailOutcome;
  try {
    const info = await transport.sendMail({
      from,
      to,
      subject: `MigoSMTP test email from ${account.label}`,
      text: [
        `This is a test email sent through MigoSMTP with the SMTP account "${account.label}" (${account.username}).`,
        `It was requested by ${actor.email} in the portal and sent only to that address.`,
        "If it arrived, the account's credentials and From address work.",
      ].join("\n\n"),
    });
    outcome = { sent: true, to, from, reply: String(info.response ?? "") };
  } catch (error) {
    const e = error as ErrorCodes & { command?: unknown; response?: unknown };
    const reply = typeof e.response === "string" ? e.response.split(/\r?\n/)[0]!.trim() : null;
    const failure = classifyFailure({
      step: stepOf(e.command),
      error: { code: e.code, originalCode: e.originalCode, responseCode: e.responseCode, timeoutType: e.timeoutType },
      target: { host: target.host, port: target.port, tls: port, servername: target.servername ?? null, from },
      timeoutMs: env.SMTP_TEST_TIMEOUT_MS,
      context: { accountStatus: account.status, lockoutMinutes: Math.ceil(env.AUTH_LOCKOUT / 60) },
    });
    outcome = { sent: false, to, from, reply, failure };
  } finally {
    transport.close();
  }
  const secrets = secretForms(account.username, password);
  if (outcome.reply) outcome.reply = scrubText(outcome.reply, secrets);

  await recordAudit(db, actor, {
    action: "smtp.test_email",
    workspaceId,
    target: { type: "smtp_account", id: account.id, label: account.label },
    metadata: { sent: outcome.sent, to, from, port, failureKind: outcome.sent ? null : outcome.failure.kind, reply: outcome.reply },
  });
  return outcome;
}
