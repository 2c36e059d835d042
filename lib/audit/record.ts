// Writes an AuditEvent. Call it with the transaction that makes the change, so the record
// and the change commit or fail together. Metadata must never hold a secret.
import type { Db } from "../db";
import type { AuditAction } from "./actions";

type Tx = Pick<Db, "auditEvent">;

/** Who acted, and from where: a signed-in user (an Actor carries both), or only a request (a failed sign-in). */
export type AuditActor = { id?: string; email?: string; meta?: { ip: string | null; userAgent: string | null } } | null;

export type AuditInput = {
  action: AuditAction;
  workspaceId?: string | null;
  target?: { type: string; id: string; label?: string | null } | null;
  metadata?: Record<string, unknown>;
};

export async function recordAudit(tx: Tx, actor: AuditActor, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      action: input.action,
      workspaceId: input.workspaceId ?? null,
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      targetLabel: input.target?.label ?? null,
      ip: actor?.meta?.ip?.slice(0, 64) ?? null,
      userAgent: actor?.meta?.userAgent?.slice(0, 512) ?? null,
      metadata: input.metadata ? JSON.stringify(input.metadata) : null,
    },
  });
}
