// Which password a session may still act with. After a planned rotation the previous password
// stays valid until the grace window's deadline: a session that authenticated with it keeps its
// authority until then (and not after End grace now or a reset, which clear the previous
// version). Plain functions; the socket layer asks them before each command.

/** What the relay knows of an account's credentials (SenderAccount carries it). */
export type CredentialWindow = { passwordVersion: number; previousPasswordVersion?: number | null; graceEndsAt?: Date | null };

/** May a session that authenticated with `version` still act at `now`? */
export function acceptsVersion(account: CredentialWindow, version: number, now: Date): boolean {
  if (account.passwordVersion === version) return true;
  return account.previousPasswordVersion === version && account.graceEndsAt != null && account.graceEndsAt.getTime() > now.getTime();
}

/** Commands that need no authority: a session past its deadline may still reset, wait or leave. */
const WITHOUT_AUTHORITY = new Set(["QUIT", "RSET", "NOOP", "HELP"]);

/**
 * Has the grace window a session authenticated in (with the previous password) ended before this
 * command? `graceEndsAt` is the deadline read at AUTH (epoch ms; null with the current password).
 */
export function graceOverFor(command: string, graceEndsAt: number | null | undefined, now: number): boolean {
  if (graceEndsAt == null || now < graceEndsAt) return false;
  return !WITHOUT_AUTHORITY.has(command.split(" ", 1)[0]!.toUpperCase());
}

/** The grace deadline an authenticated session carries (relay/server.ts puts it on session.user). */
export function graceDeadlineOf(user: unknown): number | null {
  if (typeof user !== "object" || user === null || !("graceEndsAt" in user)) return null;
  const value = (user as { graceEndsAt: unknown }).graceEndsAt;
  return typeof value === "number" ? value : null;
}
