// Set or clear an SMTP account's IP allowlist (admin; step-up when it widens access).
import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";
import { requireAccount } from "../tenancy/loaders";
import { allowlistNarrows, parseIpAllowlist } from "./ip-allowlist";
import { saveAccountPolicy, type PolicyEnv } from "./save-policy-change";

/** The form's text: ranges separated by new lines, commas or spaces; empty allows any address. */
export const ZIpAllowlistText = z.string().max(5000, "The list is too long: at most 5,000 characters");

export async function updateIpAllowlist({ db, env, workspaceId, accountId, actor, text }: { db: Db; env: PolicyEnv; workspaceId: string; accountId: string; actor: Actor; text: string }) {
  const parsed = parseIpAllowlist(text);
  if (!parsed.ok) throw new AppError("INVALID_INPUT", parsed.message, "ipAllowlist");
  const account = await requireAccount(db, workspaceId, accountId, { id: true, label: true, ipAllowlist: true });
  await saveAccountPolicy({
    db,
    env,
    actor,
    workspaceId,
    action: "account.policy.ip_allowlist",
    widens: !allowlistNarrows(account.ipAllowlist, parsed.value),
    target: { type: "smtp_account", id: account.id, label: account.label },
    before: account.ipAllowlist?.split("\n") ?? null,
    after: parsed.value?.split("\n") ?? null,
    data: { ipAllowlist: parsed.value },
  });
  return { ipAllowlist: parsed.value };
}
