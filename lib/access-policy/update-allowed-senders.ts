// Set or clear an SMTP account's allowed senders (admin; step-up when it widens access). Every
// pattern's domain must be one of the workspace's verified domains.
import { z } from "zod";
import type { Db } from "../db";
import { listVerifiedDomainNames } from "../domains/list-domains";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";
import { requireAccount } from "../tenancy/loaders";
import { defaultSenderPatterns, parseAllowedSenders, sendersNarrow } from "./allowed-senders";
import { saveAccountPolicy, type PolicyEnv } from "./save-policy-change";

/** The form's text: patterns separated by new lines, commas or spaces; empty restores the account's From rule. */
export const ZAllowedSendersText = z.string().max(10_000, "The list is too long: at most 10,000 characters");

export async function updateAllowedSenders({ db, env, workspaceId, accountId, actor, text }: { db: Db; env: PolicyEnv; workspaceId: string; accountId: string; actor: Actor; text: string }) {
  const account = await requireAccount(db, workspaceId, accountId, { id: true, label: true, allowedSenders: true, fromAddress: true, domain: { select: { name: true } } });
  const parsed = parseAllowedSenders(text, await listVerifiedDomainNames(db, workspaceId));
  if (!parsed.ok) throw new AppError("INVALID_INPUT", parsed.message, "allowedSenders");
  // Without a list the account's own rule applies: compare against it as patterns.
  const own = defaultSenderPatterns({ fromAddress: account.fromAddress, domainName: account.domain.name });
  await saveAccountPolicy({
    db,
    env,
    actor,
    workspaceId,
    action: "account.policy.allowed_senders",
    widens: !sendersNarrow(account.allowedSenders ?? own, parsed.value ?? own),
    target: { type: "smtp_account", id: account.id, label: account.label },
    before: account.allowedSenders?.split("\n") ?? null,
    after: parsed.value?.split("\n") ?? null,
    data: { allowedSenders: parsed.value },
  });
  return { allowedSenders: parsed.value };
}
