// Secrets (View Credentials, Reset Password, Create account, Report compromise: the list is
// lib/auth/secret-actions.ts) need a recent authentication at the IdP, judged on the server
// from the OIDC auth_time. A missing auth_time is stale.
import { AppError } from "../errors/app-error";

export function isAuthenticationFresh(authTime: Date | null, maxAgeSeconds: number, now = new Date()): boolean {
  if (!authTime) return false;
  return now.getTime() - authTime.getTime() <= maxAgeSeconds * 1000;
}

export function requireFreshAuthentication(authTime: Date | null, maxAgeSeconds: number, now = new Date()): void {
  if (!isAuthenticationFresh(authTime, maxAgeSeconds, now))
    throw new AppError("STEP_UP_REQUIRED", "For your security, confirm it's you: sign in again to see or change credentials.");
}
