// What the group committer hands a store, and the per-message rules a store applies inside its
// transaction (credential still current, From header allowed, send rate limits). Plain
// functions; the stores (store-sqlite.ts, store-prisma.ts) only read and write rows.
import { checkSessionAccess } from "./access-policy";
import { checkCredentialCurrent, checkHeaderFrom, type AuthorAddresses, type SenderAccount } from "./policy";
import type { SmtpReply } from "./replies";
import { planReservation, rateLimitedReply, sendCounterKeys, type SendLimits, type WindowKey } from "./send-limits";

/** A message ready to be stored: parsed, headers added, waiting for its batch. */
export type PreparedMessage = {
  id: string;
  accountId: string;
  /** The version the session authenticated with; checked again inside the batch transaction. */
  passwordVersion: number;
  clientIp: string;
  clientHostname: string | null;
  tlsProtocol: string | null;
  tlsCipher: string | null;
  /** MAIL FROM lower-cased: what the logs filter and show. */
  envelopeFrom: string;
  /** MAIL FROM with its local part's case as given, when it had capitals: the reverse-path delivery uses. */
  envelopeMailbox: string | null;
  headerFrom: string | null;
  subject: string | null;
  messageIdHeader: string;
  fromAddresses: string[];
  /** Sender mailbox and display-name addresses, judged like From (relay/author-headers.ts). */
  authorAddresses?: AuthorAddresses;
  /** `address` lower-cased (what the logs filter and the suppression list compare); `mailbox` the local part's case as given, when it had capitals: what delivery uses. */
  recipients: { address: string; domain: string; mailbox: string | null }[];
  raw: Buffer;
  createdAt: Date;
  /** The 250 reply, also written as the "accepted" timeline entry. */
  acceptedReply: SmtpReply;
};

export type CommitOutcome = { ok: true } | { ok: false; reply: SmtpReply; error?: unknown; endsSession?: true };

/** An alert's auto-hold on the account (SmtpAccount.holdNewMailSince): its new mail is stored `held`. */
export type AccountHold = { since: Date; alertId: string | null };

/** The account as the batch transaction reads it: sender rules, effective send limits, and an auto-hold. */
export type CommitAccount = SenderAccount & { limits: SendLimits; hold?: AccountHold | null };

/** What an accepted message is stored as: queued, or held (with the alert that holds it) while the account is on hold. */
export function storedStatus(account: Pick<CommitAccount, "hold">): { status: "queued" | "held"; alertId: string | null } {
  return account.hold ? { status: "held", alertId: account.hold.alertId } : { status: "queued", alertId: null };
}

/** The timeline entry that says why a message was held on arrival. */
export const HELD_ON_ARRIVAL_REPLY = "held by an alert's auto-hold: not delivered until an admin releases it or reports a compromise";

/**
 * First pass over a batch, inside the transaction: refuse what the credential or From rules
 * refuse; the rest, grouped by account in arrival order, still needs its rate reservation.
 */
export function precheckBatch(
  batch: readonly PreparedMessage[],
  accounts: ReadonlyMap<string, CommitAccount | null>,
): { outcomes: (CommitOutcome | null)[]; eligible: Map<string, number[]> } {
  const outcomes: (CommitOutcome | null)[] = [];
  const eligible = new Map<string, number[]>();
  batch.forEach((message, index) => {
    const account = accounts.get(message.accountId) ?? null;
    const current = checkCredentialCurrent(message.passwordVersion, account);
    if (!current.ok) return outcomes.push(current);
    const access = checkSessionAccess(account!, message.clientIp, message.createdAt);
    if (access) return outcomes.push(access);
    const from = checkHeaderFrom(account!, message.fromAddresses, message.authorAddresses);
    if (!from.ok) return outcomes.push({ ok: false, reply: from.reply });
    outcomes.push(null);
    const list = eligible.get(message.accountId) ?? [];
    list.push(index);
    eligible.set(message.accountId, list);
  });
  return { outcomes, eligible };
}

/**
 * Reserves rate for every account in `eligible` through `reserve` (one upsert per window that
 * adds `wanted` and returns the new total) and `giveBack` (subtracts what was not allowed), then
 * fills the remaining outcomes: accepted, or 451 4.7.1.
 */
export function applyRateLimits(
  eligible: Map<string, number[]>,
  accounts: ReadonlyMap<string, CommitAccount | null>,
  outcomes: (CommitOutcome | null)[],
  now: Date,
  reserve: (key: WindowKey, wanted: number) => number,
  giveBack: (key: WindowKey, count: number) => void,
): CommitOutcome[] {
  for (const [accountId, indexes] of eligible) {
    const limits = accounts.get(accountId)!.limits;
    const keys = sendCounterKeys(accountId, now);
    const totals = keys.map((k) => ({ window: k.window, total: reserve(k, indexes.length), limit: limits[k.window.name], expiresAt: k.expiresAt }));
    const plan = planReservation(indexes.length, totals);
    const refused = indexes.length - plan.allowed;
    if (refused > 0) for (const k of keys) giveBack(k, refused);
    indexes.forEach((messageIndex, i) => {
      outcomes[messageIndex] =
        i < plan.allowed ? { ok: true } : { ok: false, reply: rateLimitedReply(plan.refusedBy!.limit, plan.refusedBy!.window, plan.refusedBy!.expiresAt, now) };
    });
  }
  return outcomes.map((o) => o ?? { ok: true });
}

/** One counter reservation: add `wanted` to the window's count. */
export type Reservation = { key: WindowKey; wanted: number };

/**
 * Async variant for stores whose queries are round trips (PostgreSQL): every counter of the
 * batch is reserved by one `reserveAll` call (one statement), in key order so that relays
 * reserving overlapping counters lock them in the same order and never deadlock; `reserveAll`
 * answers the new totals in the order asked.
 */
export async function applyRateLimitsAsync(
  eligible: Map<string, number[]>,
  accounts: ReadonlyMap<string, CommitAccount | null>,
  outcomes: (CommitOutcome | null)[],
  now: Date,
  reserveAll: (reservations: readonly Reservation[]) => Promise<number[]>,
  giveBack: (key: WindowKey, count: number) => Promise<void>,
): Promise<CommitOutcome[]> {
  const reservations = [...eligible]
    .flatMap(([accountId, indexes]) => sendCounterKeys(accountId, now).map((key) => ({ key, wanted: indexes.length })))
    .sort((a, b) => (a.key.key < b.key.key ? -1 : a.key.key > b.key.key ? 1 : 0));
  const totals = reservations.length > 0 ? await reserveAll(reservations) : [];
  const reserved = new Map(reservations.map((r, i) => [`${r.key.key}|${r.key.windowStart.getTime()}`, totals[i]!]));
  const refunds: { key: WindowKey; count: number }[] = [];
  const result = applyRateLimits(
    eligible,
    accounts,
    outcomes,
    now,
    (k) => reserved.get(`${k.key}|${k.windowStart.getTime()}`)!,
    (key, count) => refunds.push({ key, count }),
  );
  for (const r of refunds) await giveBack(r.key, r.count);
  return result;
}
