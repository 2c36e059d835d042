// The SMTP Accounts page's rows: always scoped by workspace in the query itself.
import type { Db } from "../db";

export type AccountRow = {
  id: string;
  label: string;
  username: string;
  fromEmail: string;
  status: string;
  createdAt: Date;
  lastUsedAt: Date | null;
};

export async function listAccounts(db: Db, { workspaceId }: { workspaceId: string }): Promise<AccountRow[]> {
  const rows = await db.smtpAccount.findMany({
    where: { workspaceId },
    orderBy: [{ label: "asc" }, { id: "asc" }],
    take: 100,
    select: { id: true, label: true, username: true, fromAddress: true, status: true, createdAt: true, lastUsedAt: true, domain: { select: { name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    username: r.username,
    fromEmail: r.fromAddress ?? `any address @${r.domain.name}`,
    status: r.status,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
  }));
}
