// Every Copy in the credentials panel leaves an audit record (which value, never the value).
import { z } from "zod";
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import type { Actor } from "./actor";
import { requireAccount } from "../tenancy/loaders";

export const COPYABLE_FIELDS = ["smtpHost", "smtpPort", "smtpsPort", "username", "password", "encryption", "fromEmail", "snippet"] as const;
export const ZCopyableField = z.enum(COPYABLE_FIELDS);
export type CopyableField = z.infer<typeof ZCopyableField>;

export async function recordCredentialCopy(db: Db, { workspaceId, accountId, field, actor }: { workspaceId: string; accountId: string; field: CopyableField; actor: Actor }) {
  const account = await requireAccount(db, workspaceId, accountId, { id: true, label: true });
  await recordAudit(db, actor, {
    action: "credentials.copy",
    workspaceId,
    target: { type: "smtp_account", id: account.id, label: account.label },
    metadata: { field },
  });
}
