// What the commit transaction reads of each sending account (status, password version, From
// rule, effective send limits), shared by the SQLite and PostgreSQL stores: one SELECT, one
// row type, one mapping.
import { utcDate } from "../lib/sqlite-date";
import type { CommitAccount } from "./batch";
import { effectiveLimits } from "./send-limits";

export type CommitAccountRow = {
  id: string;
  status: string;
  passwordVersion: number;
  previousPasswordVersion: number | null;
  /** Text, like expiresAt. */
  graceEndsAt: string | null;
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
  ipAllowlist: string | null;
  allowedSenders: string | null;
  /** Text (CAST in the SELECT, so both databases answer the same way): UTC, with or without a zone. */
  expiresAt: string | null;
  passwordChangedAt: string;
  maxPasswordLifetimeDays: number | null;
  /** Text, like expiresAt: the auto-hold's start (null: not on hold). */
  holdNewMailSince: string | null;
  holdAlertId: string | null;
  /** The workspace's verified domain names, space-separated; read only for an account with allowed senders. */
  verifiedDomains: string | null;
};

/** The aggregate that joins names with a space, in each database's own spelling. */
const JOINED_NAMES = { sqlite: `group_concat(v."name", ' ')`, postgresql: `string_agg(v."name", ' ')` } as const;

/**
 * The SELECT … FROM … JOIN part; each store adds its own WHERE (and locking). An account with
 * allowed senders also gets its workspace's verified domains: an entry on a domain that stopped
 * being verified (or was removed, and perhaps verified by another workspace since) no longer
 * lets mail through.
 */
export function commitAccountSelect(provider: keyof typeof JOINED_NAMES): string {
  return `SELECT a."id", a."status", a."passwordVersion", a."previousPasswordVersion", CAST(a."graceEndsAt" AS TEXT) AS "graceEndsAt", a."workspaceId", a."fromAddress",
       a."sendLimitPerMinute", a."sendLimitPerHour", a."sendLimitPerDay",
       d."name" AS "domainName", d."status" AS "domainStatus", d."workspaceId" AS "domainWorkspaceId",
       w."sendLimitPerMinute" AS "wsMinute", w."sendLimitPerHour" AS "wsHour", w."sendLimitPerDay" AS "wsDay",
       a."ipAllowlist", a."allowedSenders", CAST(a."expiresAt" AS TEXT) AS "expiresAt",
       CAST(a."passwordChangedAt" AS TEXT) AS "passwordChangedAt", w."maxPasswordLifetimeDays",
       CAST(a."holdNewMailSince" AS TEXT) AS "holdNewMailSince", a."holdAlertId",
       CASE WHEN a."allowedSenders" IS NULL THEN NULL
            ELSE (SELECT ${JOINED_NAMES[provider]} FROM "Domain" v WHERE v."workspaceId" = a."workspaceId" AND v."status" = 'verified') END AS "verifiedDomains"
  FROM "SmtpAccount" a
  JOIN "Workspace" w ON w."id" = a."workspaceId"
  LEFT JOIN "Domain" d ON d."id" = a."domainId"`;
}

export function commitAccountFromRow(row: CommitAccountRow): CommitAccount {
  return {
    id: row.id,
    status: row.status,
    passwordVersion: Number(row.passwordVersion),
    previousPasswordVersion: row.previousPasswordVersion === null ? null : Number(row.previousPasswordVersion),
    graceEndsAt: row.graceEndsAt === null ? null : utcDate(row.graceEndsAt),
    workspaceId: row.workspaceId,
    fromAddress: row.fromAddress,
    domain: row.domainName !== null ? { name: row.domainName, status: row.domainStatus ?? "", workspaceId: row.domainWorkspaceId ?? "" } : null,
    ipAllowlist: row.ipAllowlist,
    allowedSenders: row.allowedSenders,
    expiresAt: row.expiresAt === null ? null : utcDate(row.expiresAt),
    passwordChangedAt: utcDate(row.passwordChangedAt),
    workspace: { maxPasswordLifetimeDays: row.maxPasswordLifetimeDays === null ? null : Number(row.maxPasswordLifetimeDays) },
    hold: row.holdNewMailSince === null ? null : { since: utcDate(row.holdNewMailSince), alertId: row.holdAlertId },
    verifiedDomains: row.verifiedDomains === null ? null : row.verifiedDomains.split(" ").filter(Boolean),
    limits: effectiveLimits(row, { sendLimitPerMinute: row.wsMinute, sendLimitPerHour: row.wsHour, sendLimitPerDay: row.wsDay }),
  };
}
