// Who may sign in to the demo IdP: the demo users, each with DEV_IDP_PASSWORD hashed at start-up
// (scrypt, own salt). The clear password is dropped after hashing and never logged.
import crypto from "node:crypto";
import { DEMO_USERS, type DemoUser } from "../lib/demo/fixtures";

// N=2^15, r=8, p=1 (OWASP's scrypt minimum is N=2^17 at r=8,p=1 for stored hashes; these hashes live
// only in memory for a demo, so a ~50-100 ms check is the better trade). 128*N*r = 32 MiB, hence maxmem.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

type PasswordHash = { salt: Buffer; hash: Buffer };

export type UserDirectory = {
  findBySub(sub: string): DemoUser | undefined;
  /** The user whose email and password match, else undefined; takes the same time for an unknown email. */
  verify(email: string, password: string): Promise<DemoUser | undefined>;
};

export async function createUserDirectory(password: string, users: readonly DemoUser[] = DEMO_USERS): Promise<UserDirectory> {
  const byEmail = new Map<string, { user: DemoUser; secret: PasswordHash }>();
  const bySub = new Map<string, DemoUser>();
  const [dummy, ...secrets] = await Promise.all([
    // Checked against when the email is unknown, so a miss costs one scrypt like a hit does.
    hashPassword(crypto.randomBytes(32).toString("base64url")),
    ...users.map(() => hashPassword(password)),
  ]);
  users.forEach((user, i) => {
    byEmail.set(normaliseEmail(user.email), { user, secret: secrets[i]! });
    bySub.set(user.sub, user);
  });

  return {
    findBySub: (sub) => bySub.get(sub),
    async verify(email, candidate) {
      const entry = byEmail.get(normaliseEmail(email));
      const ok = await checkPassword(candidate, entry?.secret ?? dummy!);
      return ok && entry ? entry.user : undefined;
    },
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = crypto.randomBytes(SALT_LENGTH);
  return { salt, hash: await scrypt(password, salt) };
}

async function checkPassword(candidate: string, stored: PasswordHash): Promise<boolean> {
  const hash = await scrypt(candidate, stored.salt);
  return crypto.timingSafeEqual(hash, stored.hash);
}

function scrypt(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, SCRYPT, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
