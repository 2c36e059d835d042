// SMTP AUTH for the relay: is this username/password the current credential of an active
// account (or, during a planned rotation's grace window, its previous one)? Every attempt is recorded as a LoginEvent (never the password tried), and repeated
// failures from one client lock that (username, client IP) pair — and, past a larger budget,
// the client IP for every username — for a while. The counters live in the RateCounter table so
// every relay instance sharing the database agrees.
import { classifyWriteFailure } from "../errors/write-failure";
import { matchPassword } from "../credentials/verifier";
import type { Db } from "../db";
import { getEnv, type Env } from "../env";
import { checkAccess, type AccessRefusal } from "../access-policy/access-check";
import { storableText } from "../text/storable-text";

export type AuthMethod = "PLAIN" | "LOGIN";

export type AuthFailure = "bad_credentials" | "unknown_user" | "disabled" | "locked_out" | "throttled" | AccessRefusal;

export type AuthenticatedAccount = {
  id: string;
  username: string;
  workspaceId: string;
  domainId: string;
  fromAddress: string | null;
  /** The version the session authenticated with; the relay re-checks it before each message. */
  passwordVersion: number;
  /** Which password authenticated: the current one, or the previous one during a grace window. */
  credential: Credential;
  /** With the previous password: when its grace window ends (the session's authority with it). */
  graceEndsAt: Date | null;
};

export type Credential = "current" | "previous";

export type AuthenticateResult = { ok: true; account: AuthenticatedAccount } | { ok: false; reason: AuthFailure };

export type AuthPolicy = {
  verifierKey: Buffer;
  /** Failures of one (username, IP) within `failureWindowSec` that lock it out. */
  maxFailures: number;
  failureWindowSec: number;
  lockoutSec: number;
  /** Failures of one IP (any username) within the window that lock the IP out. */
  ipMaxFailures: number;
};

export function authPolicyFromEnv(
  env: Pick<Env, "VERIFIER_KEY" | "AUTH_MAX_FAILURES" | "AUTH_FAILURE_WINDOW" | "AUTH_LOCKOUT" | "AUTH_IP_MAX_FAILURES"> = getEnv(),
): AuthPolicy {
  return {
    verifierKey: Buffer.from(env.VERIFIER_KEY, "base64"),
    maxFailures: env.AUTH_MAX_FAILURES,
    failureWindowSec: env.AUTH_FAILURE_WINDOW,
    lockoutSec: env.AUTH_LOCKOUT,
    ipMaxFailures: env.AUTH_IP_MAX_FAILURES,
  };
}

/** What an AUTH reads of an account (the verifier never leaves the relay). */
export type AuthAccountRow = {
  id: string;
  username: string;
  workspaceId: string;
  domainId: string;
  fromAddress: string | null;
  status: string;
  passwordVerifier: string;
  passwordVersion: number;
  /** A planned rotation's previous password, accepted while graceEndsAt is ahead. */
  previousPasswordVerifier: string | null;
  previousPasswordVersion: number | null;
  graceEndsAt: Date | null;
  /** The access policies AUTH applies once the password is right (lib/access-policy). */
  ipAllowlist: string | null;
  expiresAt: Date | null;
  passwordChangedAt: Date;
  maxPasswordLifetimeDays: number | null;
};

export type AuthCounterRow = { key: string; windowStart: Date; count: number };

/**
 * The two reads every AUTH makes before it answers. By default through Prisma; the relay on
 * SQLite serves them from its own read-only connection with prepared statements
 * (relay/store-sqlite.ts), which takes Prisma's per-query overhead off AUTH's latency.
 */
export type AuthReads = {
  /** Unexpired counters among `keys`. */
  counters(keys: string[], now: Date): Promise<AuthCounterRow[]>;
  /** The account with this (normalised) username. */
  account(username: string): Promise<AuthAccountRow | null>;
};

export function prismaAuthReads(db: Db): AuthReads {
  return {
    counters: (keys, now) =>
      db.rateCounter.findMany({ where: { key: { in: keys }, expiresAt: { gt: now } }, select: { key: true, windowStart: true, count: true } }),
    account: async (username) => {
      const row = await db.smtpAccount.findUnique({
        where: { username },
        select: {
          ...{ id: true, username: true, workspaceId: true, domainId: true, fromAddress: true, status: true, passwordVerifier: true, passwordVersion: true },
          ...{ previousPasswordVerifier: true, previousPasswordVersion: true, graceEndsAt: true },
          ...{ ipAllowlist: true, expiresAt: true, passwordChangedAt: true, workspace: { select: { maxPasswordLifetimeDays: true } } },
        },
      });
      if (!row) return null;
      const { workspace, ...account } = row;
      return { ...account, maxPasswordLifetimeDays: workspace.maxPasswordLifetimeDays };
    },
  };
}

export type AuthenticateSmtpInput = {
  db: Db;
  /** Where the account and the lockout counters are read (default: prismaAuthReads(db)). */
  reads?: AuthReads;
  username: string;
  password: string;
  clientIp: string;
  tlsProtocol: string | null;
  method: AuthMethod;
  policy?: AuthPolicy;
  now?: Date;
  /**
   * Where a successful AUTH's LoginEvent goes. Default: written before the answer. The relay
   * hands it to a batched writer instead (relay/login-events.ts), so a success costs no commit
   * of its own; failures are always written before the answer (they drive the lockout).
   */
  recordSuccess?: (event: LoginEventData) => void;
};

export type LoginEventData = {
  workspaceId: string | null;
  accountId: string | null;
  username: string;
  clientIp: string;
  tlsProtocol: string | null;
  method: AuthMethod;
  passwordVersion: number | null;
  success: boolean;
  reason: string | null;
  /** Which password authenticated (successes only). */
  credential?: Credential | null;
  createdAt: Date;
};

/** Longest username kept in a key or a LoginEvent; real ones are 17 characters. */
const MAX_USERNAME = 128;
/** Lock rows have one fixed window start: there is one lock per key. */
const LOCK_WINDOW_START = new Date(0);

export async function authenticateSmtp(input: AuthenticateSmtpInput): Promise<AuthenticateResult> {
  const { db, password, clientIp, tlsProtocol, method } = input;
  const policy = input.policy ?? authPolicyFromEnv();
  const now = input.now ?? new Date();
  const username = normaliseUsername(input.username);
  const keys = counterKeys(username, clientIp);
  const windowMs = policy.failureWindowSec * 1000;
  const currentWindow = windowStartOf(now, windowMs);
  const previousWindow = new Date(currentWindow.getTime() - windowMs);

  const reads = input.reads ?? prismaAuthReads(db);
  const [counters, account] = await Promise.all([
    reads.counters([keys.fail, keys.lock, keys.ipFail, keys.ipLock], now),
    username.length > 0 && username.length <= MAX_USERNAME ? reads.account(username) : Promise.resolve(null),
  ]);

  const event = {
    workspaceId: account?.workspaceId ?? null,
    accountId: account?.id ?? null,
    username: username.slice(0, MAX_USERNAME),
    clientIp,
    tlsProtocol,
    method,
    passwordVersion: account?.passwordVersion ?? null,
  };

  const locked = counters.some((c) => c.key === keys.lock);
  const throttled = counters.some((c) => c.key === keys.ipLock);
  if (locked || throttled) {
    // The password is not even looked at while locked: a guesser learns nothing.
    const reason: AuthFailure = locked ? "locked_out" : "throttled";
    await detachingDeleted(db, event, (e) => db.loginEvent.create({ data: { ...e, success: false, reason } }));
    return { ok: false, reason };
  }

  // Same HMAC and comparisons whether or not the user exists or is in a grace window (dummies).
  const inGrace = account !== null && account.graceEndsAt !== null && account.graceEndsAt.getTime() > now.getTime() && account.previousPasswordVersion !== null;
  const matched = matchPassword(password, [account?.passwordVerifier ?? null, inGrace ? account.previousPasswordVerifier : null], policy.verifierKey);
  const passwordOk = matched !== -1;

  // Checked only once the password is right, and answered like a wrong one (535): the client
  // learns nothing, the LoginEvent tells the admins the password reached a refused address.
  const refusal = account && passwordOk && account.status === "active" ? checkAccess(account, clientIp, now) : null;

  if (account && passwordOk && account.status === "active" && !refusal) {
    const hadFailures = counters.some((c) => c.key === keys.fail);
    const credential: Credential = matched === 0 ? "current" : "previous";
    const passwordVersion = credential === "current" ? account.passwordVersion : account.previousPasswordVersion!;
    const success = { ...event, passwordVersion, credential, success: true, reason: null, createdAt: now };
    if (input.recordSuccess) {
      input.recordSuccess(success);
      if (hadFailures) await db.rateCounter.deleteMany({ where: { key: keys.fail } });
    } else {
      await db.$transaction([
        db.loginEvent.create({ data: success }),
        ...(hadFailures ? [db.rateCounter.deleteMany({ where: { key: keys.fail } })] : []),
      ]);
    }
    const { id, username, workspaceId, domainId, fromAddress } = account;
    return { ok: true, account: { id, username, workspaceId, domainId, fromAddress, passwordVersion, credential, graceEndsAt: credential === "previous" ? account.graceEndsAt : null } };
  }

  const reason: AuthFailure = !account ? "unknown_user" : !passwordOk ? "bad_credentials" : account.status !== "active" ? "disabled" : refusal!;
  const expiresAt = new Date(currentWindow.getTime() + 2 * windowMs);
  const [failRow, ipFailRow] = await detachingDeleted(db, event, (e) =>
    db.$transaction([
      bumpCounter(db, keys.fail, currentWindow, expiresAt),
      bumpCounter(db, keys.ipFail, currentWindow, expiresAt),
      db.loginEvent.create({ data: { ...e, success: false, reason } }),
    ]),
  );
  const elapsed = (now.getTime() - currentWindow.getTime()) / windowMs;
  const previous = (key: string) =>
    counters.find((c) => c.key === key && c.windowStart.getTime() === previousWindow.getTime())?.count ?? 0;
  const pairFailures = slidingCount(failRow.count, previous(keys.fail), elapsed);
  const ipFailures = slidingCount(ipFailRow.count, previous(keys.ipFail), elapsed);

  const locks: string[] = [];
  if (pairFailures >= policy.maxFailures) locks.push(keys.lock);
  if (ipFailures >= policy.ipMaxFailures) locks.push(keys.ipLock);
  if (locks.length > 0) {
    const until = new Date(now.getTime() + policy.lockoutSec * 1000);
    await db.$transaction(
      locks.map((key) =>
        db.rateCounter.upsert({
          where: { key_windowStart: { key, windowStart: LOCK_WINDOW_START } },
          create: { key, windowStart: LOCK_WINDOW_START, count: 1, expiresAt: until },
          update: { count: 1, expiresAt: until },
        }),
      ),
    );
  }
  return { ok: false, reason };
}

/**
 * Runs a write of the login event; if the account (or its workspace) was deleted between the
 * read and the write, writes it again with the vanished ids nulled: the failure still counts
 * toward the lockout and the username tried is still recorded.
 */
async function detachingDeleted<E extends { accountId: string | null; workspaceId: string | null }, T>(db: Db, event: E, write: (event: E) => Promise<T>): Promise<T> {
  try {
    return await write(event);
  } catch (error) {
    if (event.accountId === null || classifyWriteFailure(error) !== "foreign_key") throw error;
    const workspace = event.workspaceId ? await db.workspace.findUnique({ where: { id: event.workspaceId }, select: { id: true } }) : null;
    return write({ ...event, accountId: null, workspaceId: workspace ? event.workspaceId : null });
  }
}

/** Deletes expired counters (called periodically by the relay) so the table stays bounded. */
export async function pruneRateCounters({ db, now = new Date() }: { db: Db; now?: Date }): Promise<number> {
  const { count } = await db.rateCounter.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}

export function normaliseUsername(username: string): string {
  // AUTH LOGIN's base64 can carry a NUL, which PostgreSQL cannot store in the failure's LoginEvent.
  return storableText(username.trim().toLowerCase());
}

export function counterKeys(username: string, clientIp: string) {
  const user = username.slice(0, MAX_USERNAME);
  return {
    fail: `smtp-auth-fail:${user}|${clientIp}`,
    lock: `smtp-auth-lock:${user}|${clientIp}`,
    ipFail: `smtp-auth-ipfail:${clientIp}`,
    ipLock: `smtp-auth-iplock:${clientIp}`,
  };
}

export function windowStartOf(now: Date, windowMs: number): Date {
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/**
 * Failures in the last window, estimated from two fixed windows (the current one, and the
 * previous one weighted by how much of it still overlaps the sliding window). A plain fixed
 * window would let 2×(max−1) guesses through across a window boundary.
 */
export function slidingCount(current: number, previous: number, elapsedFraction: number): number {
  const weight = Math.max(0, 1 - Math.min(1, Math.max(0, elapsedFraction)));
  return current + Math.floor(previous * weight);
}

function bumpCounter(db: Db, key: string, windowStart: Date, expiresAt: Date) {
  return db.rateCounter.upsert({
    where: { key_windowStart: { key, windowStart } },
    create: { key, windowStart, count: 1, expiresAt },
    update: { count: { increment: 1 } },
    select: { count: true },
  });
}
