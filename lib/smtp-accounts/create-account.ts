// Creating an SMTP account (admin) on one of the workspace's verified domains, with the input
// schemas the form and the action share. It returns a working password, so it needs a fresh
// authentication, like a reveal.
import { z } from "zod";
import type { Db } from "../db";
import type { Env } from "../env";
import { recordAudit } from "../audit/record";
import { requireFreshAuthentication } from "../auth/step-up";
import { AppError } from "../errors/app-error";
import type { Actor } from "./actor";
import { insertSmtpAccount } from "./insert-account";
import { buildCredentialsView, type CredentialsView } from "./credentials-view";
import { zDisplayText } from "../text/display-text";
import { asciiHost } from "../domains/ascii-host";
import { isLocalPart } from "../mail/local-part";

export const ZAccountLabel = zDisplayText("label", 100);
/** `name@domain` for one exact From address, or `*@domain` for any address on the domain. */
const FROM_MESSAGE = "Enter an address like noreply@example.com (at most 64 characters before the @, single dots), or *@example.com for the whole domain";

/**
 * An account's From: an address, or *@domain for the whole domain; lower-cased, an IDN domain in
 * punycode (as domains are stored). `meta` documents it in the API: on the text before the
 * transform, where the OpenAPI document (the schema's input side) shows it, with its rough shape.
 */
export function zFromInput(meta: { examples?: string[]; description?: string } = {}) {
  return z
    .string()
    .trim()
    .max(254, "The From address is too long")
    .regex(/^(\*|[^@\s]{1,64})@[^@\s]+$/, FROM_MESSAGE)
    .meta(meta)
    .transform((value, ctx) => {
      const at = value.lastIndexOf("@");
      const local = value.slice(0, at).toLowerCase();
      const domain = asciiHost(value.slice(at + 1));
      if ((local === "*" || isLocalPart(local)) && domain.includes(".")) return `${local}@${domain}`;
      ctx.addIssue({ code: "custom", message: FROM_MESSAGE });
      return z.NEVER;
    });
}

export const ZFromInput = zFromInput();

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
  const { account, password, showOnce } = await insertSmtpAccount(db, env, { workspaceId, domainId: domain.id, label, fromAddress: localPart === "*" ? null : from });
  await recordAudit(db, actor, {
    action: "account.create",
    workspaceId,
    target: { type: "smtp_account", id: account.id, label },
    metadata: { from, username: account.username },
  });
  return buildCredentialsView({ ...account, domain }, password, env, { count: 0, lastBy: null, lastAt: null }, { passwordKept: !showOnce });
}
