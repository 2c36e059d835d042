// The warm-up's principal. Before the portal opens its port it asks itself for every page
// (scripts/portal-warm-up.ts). As a signed-in nobody each page stopped at its authorisation
// check, so the first real visitor still paid for the page's first render (150-250 ms after a
// restart). While the warm-up runs, and only then, a request carrying this process's warm-up
// secret is an owner of a workspace that does not exist: every page renders its empty state, and
// every read finds nothing (app/warm-up/page.tsx renders the tables and charts with made-up
// rows instead, for this secret only). The secret is random, held in memory, set only on the warm-up's own
// loopback requests (the public listener strips the header), and cleared before the port opens.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { CurrentUser } from "../auth/session";

export const WARM_UP_HEADER = "x-migosmtp-warm-up";
/** No workspace has this id (ids are cuids): a warm-up page's reads find nothing. */
export const WARM_UP_WORKSPACE_ID = "warm-up:no-such-workspace";

// On globalThis: the portal's server (its own bundle) opens the warm-up, and Next's server chunks,
// with their own copy of this module, check it.
const SECRET = Symbol.for("migosmtp.warm-up.secret");
const holder = globalThis as { [SECRET]?: string };

export const WARM_UP_USER: CurrentUser = { id: "warm-up:nobody", email: "warm-up@portal.invalid", name: "Warm-up", sessionId: "warm-up", authTime: null };

/** Starts the warm-up; returns the secret its requests carry in WARM_UP_HEADER. */
export function openWarmUp(): string {
  holder[SECRET] = randomBytes(32).toString("base64url");
  return holder[SECRET];
}

export function closeWarmUp(): void {
  delete holder[SECRET];
}

/** Whether a request's WARM_UP_HEADER is the secret of a warm-up under way. */
export function isWarmUpRequest(header: string | null | undefined): boolean {
  const secret = holder[SECRET];
  if (!secret || !header) return false;
  const given = Buffer.from(header);
  const wanted = Buffer.from(secret);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
