// Create API token: the token is returned once; the row keeps its public id and hash only.
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import type { Actor } from "../smtp-accounts/actor";
import { API_SCOPES, type ApiScope } from "./scopes";
import { generateApiToken } from "./token-secret";

export type CreatedApiToken = { id: string; publicId: string; label: string; scopes: ApiScope[]; expiresAt: string | null; token: string };

export async function createApiToken({
  db,
  workspaceId,
  label,
  scopes,
  expiresInDays,
  ipAllowlist,
  actor,
  now = new Date(),
}: {
  db: Db;
  workspaceId: string;
  label: string;
  scopes: readonly ApiScope[];
  expiresInDays?: number;
  ipAllowlist?: string | null;
  actor: Actor;
  now?: Date;
}): Promise<CreatedApiToken> {
  const { token, publicId, tokenHash } = generateApiToken();
  const ordered = API_SCOPES.filter((s) => scopes.includes(s));
  const expiresAt = expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { workspaceId, publicId, tokenHash, label, scopes: ordered.join(" "), ipAllowlist: ipAllowlist ?? null, expiresAt, createdById: actor.id },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "api_token.create",
      workspaceId,
      target: { type: "api_token", id: created.id, label },
      metadata: { publicId, scopes: ordered, expiresAt: expiresAt?.toISOString() ?? null, ipAllowlist: ipAllowlist ? ipAllowlist.split("\n") : null },
    });
    return created;
  });
  return { id: row.id, publicId, label, scopes: ordered, expiresAt: expiresAt?.toISOString() ?? null, token };
}
