// Read-only look-ups in the stack's SQLite file, for ids the tests need.
import Database from "better-sqlite3";
import { stackInfo } from "./fixtures";

export function queryOne<T>(sql: string, ...params: unknown[]): T {
  const file = stackInfo().databaseUrl.replace(/^file:/, "");
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

export function accountId(workspaceSlug: string, label: string): string {
  return queryOne<{ id: string }>(
    "SELECT a.id FROM SmtpAccount a JOIN Workspace w ON w.id = a.workspaceId WHERE w.slug = ? AND a.label = ?",
    workspaceSlug,
    label,
  ).id;
}

export function membershipId(workspaceSlug: string, email: string): string {
  return queryOne<{ id: string }>(
    "SELECT m.id FROM Membership m JOIN Workspace w ON w.id = m.workspaceId JOIN User u ON u.id = m.userId WHERE w.slug = ? AND u.email = ?",
    workspaceSlug,
    email,
  ).id;
}

export function domainId(workspaceSlug: string, name: string): string {
  return queryOne<{ id: string }>("SELECT d.id FROM Domain d JOIN Workspace w ON w.id = d.workspaceId WHERE w.slug = ? AND d.name = ?", workspaceSlug, name).id;
}
