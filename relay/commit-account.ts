// What the commit transaction reads of each sending account (status, password version, From
// rule, effective send limits), shared by the SQLite and PostgreSQL stores: one SELECT, one
// row type, one mapping.
import type { CommitAccount } from "./batch";
import { utcColumn } from "./credential-window";
import { effectiveLimits } from "./send-limits";

export type CommitAccountRow = {
  id: string;
  status: string;
  passwordVersion: number;
  previousPasswordVersion: number | null;
  graceEndsAt: unknown;
  workspaceId: string;
  fromAddress: string | null;
  sendLimitPerMinute: number | null;
  sendLimitPerHour: number | null;
  sendLimitPerDay: number | null;
  domainName: string | null;
  domainStatus: string | null;
  domainWorkspaceId: string | null;
  wsMinute: number;
  wsHour: number;
  wsDay: number;
};

/** The SELECT … FROM … JOIN part; each store adds its own WHERE (and locking). */
export const COMMIT_ACCOUNT_SELECT = `SELECT a."id", a."status", a."passwordVersion", a."previousPasswordVersion", a."graceEndsAt", a."workspaceId", a."fromAddress",
       a."sendLimitPerMinute", a."sendLimitPerHour", a."sendLimitPerDay",
       d."name" AS "domainName", d."status" AS "domainStatus", d."workspaceId" AS "domainWorkspaceId",
       w."sendLimitPerMinute" AS "wsMinute", w."sendLimitPerHour" AS "wsHour", w."sendLimitPerDay" AS "wsDay"
  FROM "SmtpAccount" a
  JOIN "Workspace" w ON w."id" = a."workspaceId"
  LEFT JOIN "Domain" d ON d."id" = a."domainId"`;

export function commitAccountFromRow(row: CommitAccountRow): CommitAccount {
  return {
    id: row.id,
    status: row.status,
    passwordVersion: Number(row.passwordVersion),
    previousPasswordVersion: row.previousPasswordVersion === null ? null : Number(row.previousPasswordVersion),
    graceEndsAt: utcColumn(row.graceEndsAt),
    workspaceId: row.workspaceId,
    fromAddress: row.fromAddress,
    domain: row.domainName !== null ? { name: row.domainName, status: row.domainStatus ?? "", workspaceId: row.domainWorkspaceId ?? "" } : null,
    limits: effectiveLimits(row, { sendLimitPerMinute: row.wsMinute, sendLimitPerHour: row.wsHour, sendLimitPerDay: row.wsDay }),
  };
}
