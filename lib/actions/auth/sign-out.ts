"use server";

import { endSession } from "@/lib/auth/end-session";

// A session action, not a workspace one: it ends the caller's own session (none: nothing to do).
// It answers in the actions' `{ ok: true, … }` shape like every other.
export async function signOutAction() {
  return { ok: true as const, ...(await endSession()) };
}
