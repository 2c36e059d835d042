// The incident summary for Rackwave support, sent as an email through our own relay — like a
// customer application's mail, so it is authenticated, DKIM-signed and visible in the delivery
// log. It is sent AS the reported account with its new password (just reset), From the account's
// own From address (or security@<its verified domain> for a whole-domain account): the relay's
// sender rule allows nothing else for that account, and support sees the mail come from the
// customer's verified domain. Reply-To is the reporting admin, so support answers a person.
import nodemailer from "nodemailer";
import { decryptStoredPassword } from "../credentials/stored-password";
import type { Db } from "../db";
import type { Env } from "../env";
import { relayTarget } from "../smtp-check/relay-target";
import { scrubText, secretForms } from "../smtp-check/scrub";
import type { IncidentSummary } from "./summary";

export type SupportEmailEnv = Pick<Env, "SUPPORT_EMAIL" | "SMTP_PUBLIC_HOST" | "SMTP_PUBLIC_PORT" | "SMTPS_PUBLIC_PORT" | "RELAY_TLS_CERT" | "SMTP_TEST_TIMEOUT_MS" | "CREDENTIALS_KEYS">;

export type SupportEmailOutcome = { sent: boolean; from: string; to: string; reply: string | null; messageId: string | null };

export function supportFromAddress(account: { fromAddress: string | null; domain: { name: string } }): string {
  return account.fromAddress ?? `security@${account.domain.name}`;
}

export function supportEmailText(summary: IncidentSummary): string {
  const lines = [
    `A MigoSMTP customer reported compromised SMTP credentials.`,
    ``,
    `Workspace: ${summary.workspace.name} (${summary.workspace.slug})`,
    `Account: ${summary.account.label} (${summary.account.username})`,
    `Reported by: ${summary.reportedBy}`,
    `Reported at: ${summary.reportedAt}`,
    `Compromise window: ${summary.window.from} to ${summary.window.to}`,
    `Password reset: yes (now version ${summary.passwordVersionAfterReset})`,
    ``,
    `In the window:`,
    `  Messages: ${summary.counts.messages}`,
    `  Flagged: ${summary.counts.flagged}`,
    `  Unique client IPs: ${summary.counts.uniqueIps}`,
    `  Unique recipient domains: ${summary.counts.uniqueRecipientDomains}`,
    `  Accepted with a replaced password version: ${summary.counts.replacedVersionMessages}`,
    `  Held (not delivered): ${summary.counts.held}`,
    ``,
    `Client IPs new to this account: ${summary.flagged.newIps.join(", ") || "none"}`,
    `Recipient domains new to this account: ${summary.flagged.newRecipientDomains.join(", ") || "none"}`,
    `Hours above the usual volume (> ${summary.flagged.hourlyThreshold}/h): ${summary.flagged.highVolumeHours.map((h) => `${h.hour} (${h.count})`).join(", ") || "none"}`,
    ``,
    `Incident: ${summary.incidentId}`,
    `The summary as JSON:`,
    JSON.stringify(summary, null, 2),
  ];
  return lines.join("\n");
}

export async function sendSupportEmail({
  db,
  env,
  workspaceId,
  accountId,
  summary,
  replyTo,
}: {
  db: Db;
  env: SupportEmailEnv;
  workspaceId: string;
  accountId: string;
  summary: IncidentSummary;
  replyTo: string | null;
}): Promise<SupportEmailOutcome> {
  const account = await db.smtpAccount.findFirstOrThrow({
    where: { id: accountId, workspaceId },
    select: { id: true, username: true, fromAddress: true, passwordCiphertext: true, domain: { select: { name: true } } },
  });
  const password = decryptStoredPassword(account, env);
  const target = relayTarget(env, "starttls");
  const from = supportFromAddress(account);
  const to = env.SUPPORT_EMAIL;
  const transport = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    requireTLS: true,
    auth: { user: account.username, pass: password },
    tls: { ca: target.ca, servername: target.servername },
    connectionTimeout: env.SMTP_TEST_TIMEOUT_MS,
    greetingTimeout: env.SMTP_TEST_TIMEOUT_MS,
    socketTimeout: env.SMTP_TEST_TIMEOUT_MS,
  });
  try {
    const info = await transport.sendMail({
      from,
      to,
      ...(replyTo ? { replyTo } : {}),
      subject: `[MigoSMTP] Compromised SMTP credentials reported: ${summary.account.label} (${summary.workspace.slug})`,
      text: supportEmailText(summary),
      headers: { "X-MigoSMTP-Incident": summary.incidentId },
    });
    return { sent: true, from, to, reply: scrubText(String(info.response ?? ""), secretForms(account.username, password)), messageId: info.messageId ?? null };
  } catch (error) {
    const e = error as { response?: unknown; code?: unknown };
    const reply = typeof e.response === "string" ? e.response.split(/\r?\n/)[0]! : String(e.code ?? "send failed");
    return { sent: false, from, to, reply: scrubText(reply, secretForms(account.username, password)), messageId: null };
  } finally {
    transport.close();
  }
}
