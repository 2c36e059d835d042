// The tenancy fixture of the database suites: Acme with two accounts ("main", "other") and Globex
// with one, each workspace with its verified domain, so every query can be shown to stay inside
// its workspace.
import { randomBytes } from "node:crypto";
import type { Db } from "../db";

export type TwoWorkspaces = { acme: { id: string; main: string; other: string }; globex: { id: string; main: string } };

export async function seedTwoWorkspaces(db: Db, { accountsCreatedAt }: { accountsCreatedAt?: Date } = {}): Promise<TwoWorkspaces> {
  const workspace = async (slug: string, labels: string[]) => {
    const w = await db.workspace.create({ data: { slug, name: slug } });
    const d = await db.domain.create({ data: { workspaceId: w.id, name: `${slug}.test`, status: "verified", verificationToken: "t" } });
    const ids: string[] = [];
    for (const label of labels) {
      const account = await db.smtpAccount.create({
        data: { workspaceId: w.id, label, username: `smtpuser_${randomBytes(4).toString("hex")}`, domainId: d.id, passwordCiphertext: "x", passwordVerifier: "y", createdAt: accountsCreatedAt },
      });
      ids.push(account.id);
    }
    return { id: w.id, ids };
  };
  const acme = await workspace("acme", ["main", "other"]);
  const globex = await workspace("globex", ["main"]);
  return { acme: { id: acme.id, main: acme.ids[0]!, other: acme.ids[1]! }, globex: { id: globex.id, main: globex.ids[0]! } };
}
