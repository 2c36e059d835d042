// A signed-in admin of the seeded `acme` workspace, as a cookie: a Session row and the
// next-auth JWT that names it (what the portal's sign-in callback writes).
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import type { Db } from "../../lib/db";

export async function signedInCookie(db: Db, secret: string): Promise<string> {
  const admin = await db.user.findFirstOrThrow({ where: { email: "admin@acme.test" } });
  const sid = randomBytes(32).toString("base64url");
  await db.session.create({ data: { sessionToken: sid, userId: admin.id, expires: new Date(Date.now() + 86_400_000), authTime: new Date(), lastSeenAt: new Date() } });
  return `next-auth.session-token=${await encode({ token: { sid }, secret })}`;
}
