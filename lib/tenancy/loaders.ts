// Tenant-scoped loaders: "this record, in this workspace, or NOT_FOUND". Every use case that acts
// on one record by id loads it here, so the workspace is always in the `where` and a foreign or
// unknown id gets the same answer (nothing tells one from the other).
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import type { Prisma } from "../generated/sqlite/client";

/** A client or an interactive transaction: both carry the model delegates. */
type Reader<K extends keyof Db> = Pick<Db, K>;

export const NOT_FOUND_MESSAGES = {
  account: "This SMTP account does not exist in this workspace.",
  alert: "This alert does not exist in this workspace.",
  domain: "This domain does not exist in this workspace.",
  incident: "This incident does not exist in this workspace.",
  member: "This member does not exist in this workspace.",
  message: "This message does not exist in this workspace (it may have been pruned).",
} as const;

function found<T>(row: T | null, what: keyof typeof NOT_FOUND_MESSAGES): T {
  if (!row) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGES[what]);
  return row;
}

export async function requireAccount<S extends Prisma.SmtpAccountSelect>(db: Reader<"smtpAccount">, workspaceId: string, accountId: string, select: S) {
  return found(await db.smtpAccount.findFirst({ where: { id: accountId, workspaceId }, select }), "account");
}

export async function requireDomain<S extends Prisma.DomainSelect>(db: Reader<"domain">, workspaceId: string, domainId: string, select: S) {
  return found(await db.domain.findFirst({ where: { id: domainId, workspaceId }, select }), "domain");
}

export async function requireIncident<S extends Prisma.IncidentSelect>(db: Reader<"incident">, workspaceId: string, incidentId: string, select: S) {
  return found(await db.incident.findFirst({ where: { id: incidentId, workspaceId }, select }), "incident");
}

export async function requireMembership<S extends Prisma.MembershipSelect>(db: Reader<"membership">, workspaceId: string, membershipId: string, select: S) {
  return found(await db.membership.findFirst({ where: { id: membershipId, workspaceId }, select }), "member");
}

export async function requireMessage<S extends Prisma.MessageSelect>(db: Reader<"message">, workspaceId: string, messageId: string, select: S) {
  return found(await db.message.findFirst({ where: { id: messageId, workspaceId }, select }), "message");
}

export async function requireAlert<S extends Prisma.AlertSelect>(db: Reader<"alert">, workspaceId: string, alertId: string, select: S) {
  return found(await db.alert.findFirst({ where: { id: alertId, workspaceId }, select }), "alert");
}
