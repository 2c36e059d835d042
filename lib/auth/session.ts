// Who is asking, read from the database on every request: the session row (expiry, idle
// timeout, auth_time for step-up) and the user. Never trusted from a cached token.
import { decode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getDb } from "../db";
import { getEnv } from "../env";
import { isWarmUpRequest, WARM_UP_HEADER, WARM_UP_USER } from "../warm-up/principal";

export type CurrentUser = {
  id: string;
  email: string;
  name: string | null;
  sessionId: string;
  /** When the IdP last authenticated this user; null when it did not say. */
  authTime: Date | null;
};

// lastSeenAt is refreshed at most this often, so reads do not each cost a write.
const TOUCH_INTERVAL_MS = 30_000;

/** Once per server render (layout and page share it); actions and routes read it afresh. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  // The start-up warm-up's own requests, before the port opens (lib/warm-up/principal.ts). Its
  // cookie names no session: the cookie and session reads run as a visitor's do and find nothing,
  // so they are compiled before the first visitor's request.
  const warmUp = isWarmUpRequest((await headers()).get(WARM_UP_HEADER));
  const token = await readSessionIdFromCookie();
  const db = getDb();
  const row = token ? await db.session.findUnique({ where: { sessionToken: token }, include: { user: true } }) : null;
  if (warmUp) return WARM_UP_USER;
  if (!row) return null;
  const now = Date.now();
  const idleMs = getEnv().SESSION_IDLE_TIMEOUT * 1000;
  if (row.expires.getTime() <= now || row.lastSeenAt.getTime() + idleMs <= now) {
    await db.session.deleteMany({ where: { id: row.id } });
    return null;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.update({ where: { id: row.id }, data: { lastSeenAt: new Date(now) } });
  }
  return { id: row.user.id, email: row.user.email, name: row.user.name, sessionId: row.id, authTime: row.authTime };
});

/** The next-auth JWT cookie holds the id of our Session row (and the IdP's ID token for logout). */
export async function readSessionCookie(): Promise<{ sid: string; idToken: string | null } | null> {
  const jar = await cookies();
  const raw = jar.get("__Secure-next-auth.session-token")?.value ?? jar.get("next-auth.session-token")?.value;
  if (!raw) return null;
  const decoded = await decode({ token: raw, secret: getEnv().NEXTAUTH_SECRET }).catch(() => null);
  if (typeof decoded?.sid !== "string") return null;
  return { sid: decoded.sid, idToken: typeof decoded.idToken === "string" ? decoded.idToken : null };
}

async function readSessionIdFromCookie(): Promise<string | null> {
  return (await readSessionCookie())?.sid ?? null;
}
