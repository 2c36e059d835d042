// new_ip: the first successful AUTH of an account from an address (by default each IPv4 address and
// IPv6 /64; a workspace may widen it to /24 and /48) it has not authenticated from successfully in
// the previous 30 days. An account's very first successful
// AUTH ever (none stored before it) does not alert: the rule is about a change.
import type { Db } from "../db";
import { quote, type AlertCandidate } from "./candidate";
import { networkOf, textPrefixOf } from "./ip-prefix";
import { escapeLike } from "../text/like-pattern";

export const NEW_IP_LOOKBACK_MS = 30 * 86_400_000;
/** Addresses of one account read per check when the text prefix cannot settle it (IPv6). */
const CANDIDATES = 500;

export type SuccessEvent = { workspaceId: string; accountId: string; clientIp: string; createdAt: Date };

/** Remembers (account, network) pairs already seen, so a busy account costs no query per AUTH. */
export type KnownNetworks = Map<string, number>;

export async function newIpCandidates({
  db,
  events,
  known,
  labels,
  v4BitsOf,
}: {
  db: Db;
  events: readonly SuccessEvent[];
  known: KnownNetworks;
  labels: (accountId: string) => Promise<string | null>;
  /** The workspace's IPv4 prefix length (the rule's minimum). */
  v4BitsOf: (workspaceId: string) => number;
}): Promise<AlertCandidate[]> {
  const out: AlertCandidate[] = [];
  for (const event of events) {
    const bits = v4BitsOf(event.workspaceId);
    const network = networkOf(event.clientIp, bits);
    if (!network) continue;
    const key = `${event.accountId}|${network}`;
    const seen = known.get(key);
    if (seen !== undefined && event.createdAt.getTime() - seen < NEW_IP_LOOKBACK_MS) {
      known.set(key, Math.max(seen, event.createdAt.getTime()));
      continue;
    }
    const before = { accountId: event.accountId, workspaceId: event.workspaceId, success: true, createdAt: { lt: event.createdAt } } as const;
    const since = new Date(event.createdAt.getTime() - NEW_IP_LOOKBACK_MS);
    const rows = await db.loginEvent.findMany({
      where: { ...before, createdAt: { lt: event.createdAt, gte: since }, clientIp: { startsWith: escapeLike(textPrefixOf(network)) } },
      select: { clientIp: true },
      take: CANDIDATES,
    });
    known.set(key, event.createdAt.getTime());
    if (rows.some((r) => networkOf(r.clientIp, bits) === network)) continue;
    // Nothing from this network: alert only if the account had authenticated before at all.
    const earlier = await db.loginEvent.findFirst({ where: before, select: { clientIp: true, createdAt: true }, orderBy: { createdAt: "desc" } });
    if (!earlier) continue;
    const label = (await labels(event.accountId)) ?? event.accountId;
    out.push({
      workspaceId: event.workspaceId,
      accountId: event.accountId,
      rule: "new_ip",
      dedupKey: `${event.accountId}|${network}`,
      at: event.createdAt,
      title: network.endsWith("/32") ? `SMTP account ${quote(label)} signed in from a new address, ${event.clientIp}` : `SMTP account ${quote(label)} signed in from a new network, ${network} (${event.clientIp})`,
      evidence: {
        clientIp: event.clientIp,
        network,
        lookbackDays: 30,
        previousIp: earlier.clientIp,
        previousAt: earlier.createdAt.toISOString(),
        logs: {
          account: event.accountId,
          ip: event.clientIp,
          from: new Date(event.createdAt.getTime() - 60_000).toISOString(),
          to: new Date(event.createdAt.getTime() + 3_600_000).toISOString(),
        },
      },
    });
  }
  return out;
}
