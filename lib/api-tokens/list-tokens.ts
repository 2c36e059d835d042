// The API tokens page: every token of the workspace, newest first, without any secret.
import type { Db } from "../db";
import { parseStoredScopes, type ApiScope } from "./scopes";

export type ApiTokenRow = {
  id: string;
  publicId: string;
  label: string;
  scopes: ApiScope[];
  ipAllowlist: string[];
  expiresAt: Date | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
  state: "active" | "revoked" | "expired";
};

export async function listApiTokens(db: Db, workspaceId: string, now = new Date()): Promise<ApiTokenRow[]> {
  const rows = await db.apiToken.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
    select: { id: true, publicId: true, label: true, scopes: true, ipAllowlist: true, expiresAt: true, createdAt: true, lastUsedAt: true, lastUsedIp: true, revokedAt: true },
  });
  return rows.map((r) => ({
    ...r,
    scopes: parseStoredScopes(r.scopes),
    ipAllowlist: r.ipAllowlist ? r.ipAllowlist.split("\n") : [],
    state: r.revokedAt ? "revoked" : r.expiresAt && r.expiresAt.getTime() <= now.getTime() ? "expired" : "active",
  }));
}
