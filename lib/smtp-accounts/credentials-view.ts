// What the credentials panel shows: the help article's six values, with host, ports and
// encryption from configuration, so what is shown is what works.
import type { Db } from "../db";
import type { Env } from "../env";
import { fromEmailOf, type FromEmail } from "./from-email";
import { decryptSecret } from "../credentials/encryption";
import { graceStatus, type GraceStatus } from "./grace-status";

export type CredentialsView = {
  accountId: string;
  label: string;
  smtpHost: string;
  smtpPort: number;
  smtpsPort: number;
  username: string;
  password: string;
  encryption: string;
  fromEmail: FromEmail;
  passwordVersion: number;
  passwordChangedAt: string;
  revealTtlSeconds: number;
  reveals: RevealHistory;
  /** False in a show-once workspace: this is the only time the password is shown. */
  passwordKept: boolean;
  /** A planned rotation's grace window, with the previous password when it is kept. */
  grace: (GraceStatus & { previousPassword: string | null }) | null;
};

export type RevealHistory = { count: number; lastBy: string | null; lastAt: string | null };

export type PublicEndpoint = Pick<Env, "SMTP_PUBLIC_HOST" | "SMTP_PUBLIC_PORT" | "SMTPS_PUBLIC_PORT" | "REVEAL_TTL">;

export function buildCredentialsView(
  account: { id: string; label: string; username: string; fromAddress: string | null; passwordVersion: number; passwordChangedAt: Date; domain: { name: string } },
  password: string,
  endpoint: PublicEndpoint,
  reveals: RevealHistory,
  { passwordKept = true, grace = null }: { passwordKept?: boolean; grace?: CredentialsView["grace"] } = {},
): CredentialsView {
  return {
    accountId: account.id,
    label: account.label,
    smtpHost: endpoint.SMTP_PUBLIC_HOST,
    smtpPort: endpoint.SMTP_PUBLIC_PORT,
    smtpsPort: endpoint.SMTPS_PUBLIC_PORT,
    username: account.username,
    password,
    encryption: "TLS / STARTTLS",
    fromEmail: fromEmailOf(account),
    passwordVersion: account.passwordVersion,
    passwordChangedAt: account.passwordChangedAt.toISOString(),
    revealTtlSeconds: endpoint.REVEAL_TTL,
    reveals,
    passwordKept,
    grace,
  };
}

export async function revealHistory(db: Pick<Db, "auditEvent">, workspaceId: string, accountId: string): Promise<RevealHistory> {
  const where = { workspaceId, targetId: accountId, action: "credentials.reveal" };
  const [count, last] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findFirst({ where, orderBy: { createdAt: "desc" }, select: { actorEmail: true, createdAt: true } }),
  ]);
  return { count, lastBy: last?.actorEmail ?? null, lastAt: last?.createdAt.toISOString() ?? null };
}

export const CREDENTIALS_ACCOUNT_SELECT = {
  id: true,
  label: true,
  username: true,
  fromAddress: true,
  status: true,
  passwordVersion: true,
  passwordChangedAt: true,
  passwordCiphertext: true,
  workspaceId: true,
  graceEndsAt: true,
  previousPasswordVerifier: true,
  previousPasswordVersion: true,
  previousPasswordCiphertext: true,
  domain: { select: { name: true } },
} as const;

/** The open grace window as a reveal shows it: its status and the previous password, when kept. */
export async function graceView(
  db: Pick<Db, "loginEvent">,
  account: Parameters<typeof graceStatus>[1],
  keys: Pick<Env, "CREDENTIALS_KEYS">,
): Promise<CredentialsView["grace"]> {
  const status = await graceStatus(db, account);
  if (!status) return null;
  const previousPassword = account.previousPasswordCiphertext ? decryptSecret(account.previousPasswordCiphertext, account.id, keys.CREDENTIALS_KEYS) : null;
  return { ...status, previousPassword };
}
