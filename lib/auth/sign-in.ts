// What happens when the IdP vouches for someone: the user is found or created by
// (issuer, sub), invitations are honoured only for a verified email, and a server-side
// session row is opened (so sign-out, idle timeout and revocation work on the server).
import { randomBytes } from "node:crypto";
import type { Db } from "../db";
import { recordAudit } from "../audit/record";
import { invitationsSince } from "../members/invite-member";

export type OidcIdentity = {
  issuer: string;
  subject: string;
  email: string;
  emailVerified: boolean;
  name: string | null;
  /** OIDC auth_time (seconds since the epoch), when the IdP asserted one. */
  authTime: number | null;
};

export type RequestMeta = { ip: string | null; userAgent: string | null };

export async function signInWithIdentity(db: Db, identity: OidcIdentity, meta: RequestMeta, sessionMaxAgeSeconds: number) {
  const now = new Date();
  return db.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
      create: {
        issuer: identity.issuer,
        subject: identity.subject,
        email: identity.email,
        emailVerified: identity.emailVerified,
        name: identity.name,
        lastSignInAt: now,
      },
      update: { email: identity.email, emailVerified: identity.emailVerified, name: identity.name, lastSignInAt: now },
    });

    if (identity.emailVerified) {
      const invitations = await tx.invitation.findMany({ where: { email: identity.email.toLowerCase(), acceptedAt: null, createdAt: { gte: invitationsSince(now) } } });
      for (const invitation of invitations) {
        await tx.membership.upsert({
          where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: user.id } },
          create: { workspaceId: invitation.workspaceId, userId: user.id, role: invitation.role },
          update: {},
        });
        await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: now } });
      }
    }

    const session = await tx.session.create({
      data: {
        sessionToken: randomBytes(32).toString("base64url"),
        userId: user.id,
        expires: new Date(now.getTime() + sessionMaxAgeSeconds * 1000),
        authTime: identity.authTime ? new Date(identity.authTime * 1000) : null,
        lastSeenAt: now,
      },
    });
    await recordAudit(tx, { id: user.id, email: user.email, meta }, { action: "auth.sign_in" });
    return { user, sessionToken: session.sessionToken };
  });
}

export async function signOutSession(db: Db, sessionToken: string, meta: RequestMeta) {
  const session = await db.session.findUnique({ where: { sessionToken }, include: { user: true } });
  if (!session) return;
  await db.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { sessionToken } });
    await recordAudit(tx, { id: session.user.id, email: session.user.email, meta }, { action: "auth.sign_out" });
  });
}
