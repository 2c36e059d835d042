import type { Db } from "../db";

/** Names of the workspace's verified domains (where accounts may send from). */
export async function listVerifiedDomainNames(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db.domain.findMany({ where: { workspaceId, status: "verified" }, select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => r.name);
}
