// AUTH's account read as SQL, shared by the relay's SQLite store (better-sqlite3) and its
// PostgreSQL store (node-postgres): through Prisma, AUTH was two queries of ~0.3 ms of the
// relay's CPU each. Dates come back as text (UTC wall time on both databases) and are parsed here.
import type { AuthAccountRow } from "../lib/smtp-accounts/authenticate";
import { utcDate } from "../lib/sqlite-date";

/** The account row as the SELECT returns it: dates as text, integers possibly bigint. */
export type AuthAccountSqlRow = Omit<AuthAccountRow, "graceEndsAt" | "expiresAt" | "passwordChangedAt" | "maxPasswordLifetimeDays"> & {
  graceEndsAt: string | null;
  expiresAt: string | null;
  passwordChangedAt: string;
  maxPasswordLifetimeDays: number | null;
};

/** The account by username; `param` is the placeholder in the database's own spelling ("?", "$1"). */
export function authAccountSql(param: string): string {
  return `SELECT a."id", a."username", a."workspaceId", a."domainId", a."fromAddress", a."status", a."passwordVerifier", a."passwordVersion",
                a."previousPasswordVerifier", a."previousPasswordVersion", CAST(a."graceEndsAt" AS TEXT) AS "graceEndsAt",
                a."ipAllowlist", CAST(a."expiresAt" AS TEXT) AS "expiresAt", CAST(a."passwordChangedAt" AS TEXT) AS "passwordChangedAt",
                w."maxPasswordLifetimeDays"
           FROM "SmtpAccount" a JOIN "Workspace" w ON w."id" = a."workspaceId" WHERE a."username" = ${param}`;
}

export function authAccountFromRow(row: AuthAccountSqlRow): AuthAccountRow {
  return {
    ...row,
    passwordVersion: Number(row.passwordVersion),
    previousPasswordVersion: row.previousPasswordVersion === null ? null : Number(row.previousPasswordVersion),
    graceEndsAt: row.graceEndsAt === null ? null : utcDate(row.graceEndsAt),
    expiresAt: row.expiresAt === null ? null : utcDate(row.expiresAt),
    passwordChangedAt: utcDate(row.passwordChangedAt),
    maxPasswordLifetimeDays: row.maxPasswordLifetimeDays === null ? null : Number(row.maxPasswordLifetimeDays),
  };
}
