// Writes an AuditEvent. Call it with the transaction that makes the change, so the record
// and the change commit or fail together. Metadata must never hold a secret.
import type { Db } from "../db";

type Tx = Pick<Db, "auditEvent">;

export type AuditInput = {
  action: string;
  workspaceId?: string | null;
  actor?: { id: string; email: string } | null;
  target?: { type: string; id: string; label?: string | null } | null;
  meta?: { ip: string | null; userAgent: string | null };
  metadata?: Record<string, unknown>;
};

export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      action: input.action,
      workspaceId: input.workspaceId ?? null,
      actorId: input.actor?.id ?? null,
      actorEmail: input.actor?.email ?? null,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      targetLabel: input.target?.label ?? null,
      ip: input.meta?.ip?.slice(0, 64) ?? null,
      userAgent: input.meta?.userAgent?.slice(0, 512) ?? null,
      metadata: input.metadata ? JSON.stringify(input.metadata) : null,
    },
  });
}
