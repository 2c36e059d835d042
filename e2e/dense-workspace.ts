// A workspace of its own with many SMTP accounts, written straight into the stack's database
// (the accounts list never decrypts, so a placeholder ciphertext does), for layout tests that
// need a full page of rows. It is removed afterwards, and named to sort after Acme, so no other
// test sees it; its member is an existing demo user, added for the test only.
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { stackInfo } from "./fixtures";

const LABELS = ["Order confirmations", "Password resets", "Marketing newsletter (EU)", "Support desk replies", "Shipping updates", "Invoices and receipts", "Billing alerts"];

const at = (d: Date) => d.toISOString().replace("Z", "+00:00");

export type DenseWorkspace = { slug: string; labels: string[]; usernames: string[]; remove(): void };

export function createDenseWorkspace({ slug, count, member, role }: { slug: string; count: number; member: string; role: string }): DenseWorkspace {
  const db = new Database(stackInfo().databaseUrl.replace(/^file:/, ""), { fileMustExist: true, timeout: 10_000 });
  const id = (prefix: string) => `${prefix}${randomBytes(10).toString("hex")}`;
  const now = new Date();
  const workspaceId = id("wsdense");
  const domainId = id("domdense");
  const labels: string[] = [];
  const usernames: string[] = [];
  try {
    db.transaction(() => {
      db.prepare("INSERT INTO Workspace (id, slug, name, createdAt) VALUES (?, ?, ?, ?)").run(workspaceId, slug, `Zeta ${slug}`, at(now));
      const user = db.prepare("SELECT id FROM User WHERE email = ?").get(member) as { id: string };
      db.prepare("INSERT INTO Membership (id, workspaceId, userId, role, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)").run(id("mdense"), workspaceId, user.id, role, at(now), at(now));
      db.prepare("INSERT INTO Domain (id, workspaceId, name, status, verificationToken, verifiedAt, createdAt) VALUES (?, ?, ?, 'verified', ?, ?, ?)").run(
        domainId,
        workspaceId,
        `${slug}.example`,
        randomBytes(8).toString("hex"),
        at(now),
        at(now),
      );
      const insert = db.prepare(
        `INSERT INTO SmtpAccount (id, workspaceId, label, username, domainId, fromAddress, status, passwordCiphertext, passwordVerifier, lastUsedAt, createdAt, updatedAt)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'v1.layout.test.only.x', 'layout-test-only', ?, ?, ?)`,
      );
      for (let i = 0; i < count; i++) {
        const label = `${LABELS[i % LABELS.length]} ${String(i + 1).padStart(2, "0")}`;
        const username = `smtpuser_${randomBytes(4).toString("hex")}`;
        // A mix as real workspaces have: one address or the whole domain, some disabled, used recently, long ago or never.
        const from = i % 3 === 0 ? null : `${["notifications", "no-reply", "billing-department"][i % 3]}@${slug}.example`;
        const lastUsed = i % 4 === 3 ? null : at(new Date(now.getTime() - (i % 4) * 86_400_000 * 20 - 60_000 * i));
        insert.run(id("acdense"), workspaceId, label, username, domainId, from, i % 5 === 4 ? "disabled" : "active", lastUsed, at(now), at(now));
        labels.push(label);
        usernames.push(username);
      }
    })();
  } finally {
    db.close();
  }
  return {
    slug,
    labels,
    usernames,
    remove() {
      const db = new Database(stackInfo().databaseUrl.replace(/^file:/, ""), { fileMustExist: true, timeout: 10_000 });
      try {
        db.pragma("foreign_keys = ON");
        db.transaction(() => {
          db.prepare("DELETE FROM SmtpAccount WHERE workspaceId = ?").run(workspaceId);
          db.prepare("DELETE FROM Workspace WHERE id = ?").run(workspaceId);
        })();
      } finally {
        db.close();
      }
    },
  };
}
