"use server";

import { endSession } from "@/lib/auth/end-session";

export async function signOutAction() {
  return endSession();
}
