// Inserts an SMTP account row (the use case is createAccount in create-account.ts; the seed and
// tests call this directly): a fresh username and password, stored only as ciphertext (for
// reveals; not in a show-once workspace) and verifier (for the relay). Returns the password
// once, for the panel to show.
import { randomBytes } from "node:crypto";
import type { Db } from "../db";
import type { Env } from "../env";
import { passwordColumns } from "../credentials/stored-password";
import { generatePassword, generateUsername } from "../credentials/generate";
import { forgetIfShowOnce, showsPasswordsOnce } from "./show-once";

export type CreateSmtpAccountInput = {
  workspaceId: string;
  domainId: string;
  label: string;
  fromAddress: string | null;
};

export type SecretKeys = Pick<Env, "CREDENTIALS_KEYS" | "VERIFIER_KEY">;

export async function insertSmtpAccount(db: Db, keys: SecretKeys, input: CreateSmtpAccountInput) {
  const password = generatePassword();
  // The ciphertext's associated data is the row id, so the id is chosen before the insert.
  const id = `acct_${randomBytes(12).toString("hex")}`;
  const showOnce = await showsPasswordsOnce(db, input.workspaceId);
  // A username collision (1 in 4 billion per pair) surfaces as a unique-constraint error; retry.
  for (let attempt = 0; ; attempt++) {
    try {
      const account = await db.smtpAccount.create({
        data: {
          id,
          ...input,
          username: generateUsername(),
          ...passwordColumns(password, id, keys, { showOnce }),
        },
      });
      // Checked again after the write: a switch to show-once meanwhile must not miss this row.
      await forgetIfShowOnce(db, input.workspaceId, id);
      return { account, password, showOnce };
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error, "username")) continue;
      throw error;
    }
  }
}

function isUniqueViolation(error: unknown, field: string): boolean {
  // Prisma reports the constraint's fields in meta, whose shape differs by driver adapter.
  const e = error as { code?: string; meta?: unknown };
  return e?.code === "P2002" && JSON.stringify(e.meta ?? {}).includes(field);
}
