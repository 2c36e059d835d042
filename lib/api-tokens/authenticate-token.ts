// Who is calling the API: `Authorization: Bearer migo_…` → the token's row, found by its public
// id and accepted when the hash matches in constant time, it is neither revoked nor expired,
// and the caller's address is on its allowlist. Every refusal is the same UNAUTHENTICATED (a
// caller learns nothing about which part failed); the reason goes to the server log only.
// Last used is written at most once a minute per token, so a busy script costs no write a call.
import type { Db } from "../db";
import { parseTrustedProxies, isTrusted } from "../net/cidr";
import { parseStoredScopes, type ApiScope } from "./scopes";
import { publicIdOf, tokenHashMatches } from "./token-secret";

export const LAST_USED_FLUSH_MS = 60_000;

export type ApiCaller = {
  tokenId: string;
  publicId: string;
  label: string;
  scopes: ApiScope[];
  workspace: { id: string; slug: string; name: string };
};

export type AuthenticateTokenResult = { ok: true; caller: ApiCaller } | { ok: false; reason: "missing" | "malformed" | "unknown" | "revoked" | "expired" | "ip_not_allowed" };

export async function authenticateApiToken({ db, authorization, ip, now = new Date() }: { db: Db; authorization: string | null; ip: string | null; now?: Date }): Promise<AuthenticateTokenResult> {
  if (!authorization) return { ok: false, reason: "missing" };
  const match = /^Bearer\s+(\S{1,200})$/i.exec(authorization.trim());
  const token = match?.[1];
  const publicId = token ? publicIdOf(token) : null;
  if (!token || !publicId) return { ok: false, reason: "malformed" };
  const row = await db.apiToken.findUnique({
    where: { publicId },
    select: { id: true, tokenHash: true, label: true, scopes: true, ipAllowlist: true, expiresAt: true, revokedAt: true, lastUsedAt: true, workspace: { select: { id: true, slug: true, name: true } } },
  });
  if (!row || !tokenHashMatches(token, row.tokenHash)) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  if (row.ipAllowlist && !(ip && allowlistAdmits(row.ipAllowlist, ip))) return { ok: false, reason: "ip_not_allowed" };

  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_FLUSH_MS) {
    // Conditional, so concurrent calls write once; a lost flush only makes "last used" a minute older.
    await db.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_FLUSH_MS) } }] },
      data: { lastUsedAt: now, lastUsedIp: ip?.slice(0, 64) ?? null },
    });
  }
  return { ok: true, caller: { tokenId: row.id, publicId, label: row.label, scopes: parseStoredScopes(row.scopes), workspace: row.workspace } };
}

/** A token saved before the allowlist's rules tightened (a port, a zone id) admits no one rather than failing the request. */
function allowlistAdmits(allowlist: string, ip: string): boolean {
  try {
    return isTrusted(parseTrustedProxies(allowlist.split("\n").join(",")), ip);
  } catch {
    return false;
  }
}
