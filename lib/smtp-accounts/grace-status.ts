// What the portal shows of a grace window: its deadline, the previous password's version and
// every AUTH that used the previous password (login events with credential = "previous"), so
// admins see which application still has to move. No secret here; the previous password itself
// is only in a reveal (credentials-view.ts).
import type { Db } from "../db";
import { inGrace } from "./grace-window";

/** How many uses are listed (the count covers them all). */
const USES_SHOWN = 100;

export type GraceUse = { at: string; clientIp: string; method: string; tlsProtocol: string | null };

export type GraceStatus = {
  endsAt: string;
  previousVersion: number;
  /** False in a show-once workspace: the previous password cannot be shown. */
  previousKept: boolean;
  useCount: number;
  uses: GraceUse[];
};

export const GRACE_ACCOUNT_SELECT = { id: true, workspaceId: true, graceEndsAt: true, previousPasswordVerifier: true, previousPasswordVersion: true, previousPasswordCiphertext: true } as const;

type GraceAccount = { id: string; workspaceId: string; graceEndsAt: Date | null; previousPasswordVerifier: string | null; previousPasswordVersion: number | null; previousPasswordCiphertext: string | null };

/** The account's open grace window, or null (none, or its deadline has passed). */
export async function graceStatus(db: Pick<Db, "loginEvent">, account: GraceAccount, now = new Date()): Promise<GraceStatus | null> {
  if (!inGrace(account, now) || account.previousPasswordVersion === null) return null;
  const where = { workspaceId: account.workspaceId, accountId: account.id, success: true, credential: "previous", passwordVersion: account.previousPasswordVersion };
  const [useCount, rows] = await Promise.all([
    db.loginEvent.count({ where }),
    db.loginEvent.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: USES_SHOWN, select: { createdAt: true, clientIp: true, method: true, tlsProtocol: true } }),
  ]);
  return {
    endsAt: account.graceEndsAt!.toISOString(),
    previousVersion: account.previousPasswordVersion,
    previousKept: account.previousPasswordCiphertext !== null,
    useCount,
    uses: rows.map((r) => ({ at: r.createdAt.toISOString(), clientIp: r.clientIp, method: r.method, tlsProtocol: r.tlsProtocol })),
  };
}
