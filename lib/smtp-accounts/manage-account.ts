// Creating, disabling, enabling and deleting SMTP accounts (admin). Each change and its audit
// record commit together; every lookup is scoped by workspace.
import { z } from "zod";
import type { Db } from "../db";
import type { Env } from "../env";
import { recordAudit } from "../audit/record";
import { requireFreshAuthentication } from "../auth/step-up";
import { AppError } from "../errors/app-error";
import type { Actor } from "./actor";
import { createSmtpAccount } from "./create-account";
import { buildCredentialsView, type CredentialsView } from "./credentials-view";
import { requireAccount } from "../tenancy/loaders";

export const ZAccountLabel = z.string().trim().min(1, "Enter a label").max(100, "Keep the label under 100 characters");
/** `name@domain` for one exact From address, or `*@domain` for any address on the domain. */
export const ZFromInput = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "The From address is too long")
  .regex(/^(\*|[a-z0-9!#$%&'*+/=?^_`{|}~.-]+)@[a-z0-9.-]+\.[a-z0-9-]+$/, "Enter an address like noreply@example.com, or *@example.com for the whole domain");

export async function createAccount({
  db,
  env,
  workspaceId,
  label,
  from,
  actor,
}: {
  db: Db;
  env: Pick<Env, "CREDENTIALS_KEYS" | "VERIFIER_KEY" | "SMTP_PUBLIC_HOST" | "SMTP_PUBLIC_PORT" | "SMTPS_PUBLIC_PORT" | "REVEAL_TTL" | "STEP_UP_MAX_AGE">;
  workspaceId: string;
  label: string;
  from: string;
  actor: Actor;
}): Promise<CredentialsView> {
  // It returns a working password, so it asks for the same fresh authentication as a reveal.
  requireFreshAuthentication(actor.authTime, env.STEP_UP_MAX_AGE);
  const at = from.lastIndexOf("@");
  const localPart = from.slice(0, at);
  const domainName = from.slice(at + 1);
  const domain = await db.domain.findFirst({ where: { workspaceId, name: domainName, status: "verified" }, select: { id: true, name: true } });
  if (!domain) throw new AppError("INVALID_INPUT", `from: ${domainName} is not a verified domain of this workspace. Verify it on the Domains page first.`, "from");
  const { account, password } = await createSmtpAccount(db, env, { workspaceId, domainId: domain.id, label, fromAddress: localPart === "*" ? null : from });
  await recordAudit(db, actor, {
    action: "account.create",
    workspaceId,
    target: { type: "smtp_account", id: account.id, label },
    metadata: { from, username: account.username },
  });
  return buildCredentialsView({ ...account, domain }, password, env, { count: 0, lastBy: null, lastAt: null });
}

export async function setAccountStatus({ db, workspaceId, accountId, status, actor }: { db: Db; workspaceId: string; accountId: string; status: "active" | "disabled"; actor: Actor }) {
  await db.$transaction(async (tx) => {
    const account = await requireAccount(tx, workspaceId, accountId, { id: true, label: true, status: true });
    if (account.status === status) return;
    await tx.smtpAccount.update({ where: { id: accountId, workspaceId }, data: { status } });
    await recordAudit(tx, actor, {
      action: status === "disabled" ? "account.disable" : "account.enable",
      workspaceId,
      target: { type: "smtp_account", id: accountId, label: account.label },
    });
  });
}

/** Deleting asks the admin to type the username; the account's messages stay in the log. */
export async function deleteAccount({ db, workspaceId, accountId, confirmUsername, actor }: { db: Db; workspaceId: string; accountId: string; confirmUsername: string; actor: Actor }) {
  await db.$transaction(async (tx) => {
    const account = await requireAccount(tx, workspaceId, accountId, { id: true, label: true, username: true });
    if (confirmUsername.trim() !== account.username)
      throw new AppError("INVALID_INPUT", `confirmUsername: type the username ${account.username} exactly to delete this account.`, "confirmUsername");
    await tx.smtpAccount.delete({ where: { id: accountId, workspaceId } });
    await recordAudit(tx, actor, {
      action: "account.delete",
      workspaceId,
      target: { type: "smtp_account", id: accountId, label: account.label },
      metadata: { username: account.username },
    });
  });
}
