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

/**
 * Dates the IdP authentication of every session of a user `seconds` back, as if the user had
 * signed in that long ago (step-up is judged from Session.authTime; the session stays valid).
 * Written in the format the column already holds.
 */
export function ageAuthentication(email: string, seconds: number): number {
  const file = stackInfo().databaseUrl.replace(/^file:/, "");
  const db = new Database(file, { fileMustExist: true, timeout: 10_000 });
  try {
    const when = new Date(Date.now() - seconds * 1000);
    const sample = db.prepare("SELECT typeof(s.authTime) AS kind FROM Session s JOIN User u ON u.id = s.userId WHERE u.email = ? AND s.authTime IS NOT NULL").get(email) as
      | { kind: string }
      | undefined;
    const value = sample?.kind === "integer" || sample?.kind === "real" ? when.getTime() : when.toISOString();
    return db.prepare("UPDATE Session SET authTime = ? WHERE userId = (SELECT id FROM User WHERE email = ?)").run(value, email).changes;
  } finally {
    db.close();
  }
}

export function domainId(workspaceSlug: string, name: string): string {
  return queryOne<{ id: string }>("SELECT d.id FROM Domain d JOIN Workspace w ON w.id = d.workspaceId WHERE w.slug = ? AND d.name = ?", workspaceSlug, name).id;
}

/** Sets a member's role (looked up on every request, so it holds at once); returns the role it had. */
export function setRole(workspaceSlug: string, email: string, role: string): string {
  const file = stackInfo().databaseUrl.replace(/^file:/, "");
  const db = new Database(file, { fileMustExist: true, timeout: 10_000 });
  try {
    const where = "userId = (SELECT id FROM User WHERE email = ?) AND workspaceId = (SELECT id FROM Workspace WHERE slug = ?)";
    const before = db.prepare(`SELECT role FROM Membership WHERE ${where}`).get(email, workspaceSlug) as { role: string };
    db.prepare(`UPDATE Membership SET role = ? WHERE ${where}`).run(role, email, workspaceSlug);
    return before.role;
  } finally {
    db.close();
  }
}
