// The alert evaluator: each pass reads only what is new since its TailCursors (LoginEvent rows
// grouped by account, address and result; Message rows grouped by account, senders-since.ts; both in the database), runs the enabled rules of each workspace
// on that, stores the alerts (raise-alert.ts: idempotent, with auto-hold) and emails them
// (notify-alerts.ts). Run by the relay's housekeeping every ALERTS_POLL_MS.
//
// Rows commit out of createdAt order (a batch commits after its messages were stamped; login
// events are flushed in batches), so each pass re-reads OVERLAP_MS before its cursor; the
// Alert unique key makes the re-read harmless, and an in-memory set of what was raised this
// hour spares the rules that keep firing (a spike, a failure storm) their queries.
import type { Db } from "../db";
import { authFailureCandidates } from "./auth-failures";
import { bounceRateCandidates } from "./bounce-rate";
import type { AlertCandidate } from "./candidate";
import { DEFAULT_V4_BITS } from "./ip-prefix";
import { newIpCandidates, type KnownNetworks } from "./new-ip";
import { notifyAlerts, type AlertEmailEnv } from "./notify-alerts";
import { oldPasswordVersionCandidates, type VersionedAccount } from "./old-password-version";
import { raiseAlert } from "./raise-alert";
import { effectiveSettings, hourStart, type AlertRuleId, type RuleSettings } from "./rules";
import { sendSpikeCandidates, type BaselineCache } from "./send-spike";
import { sendersSince } from "./senders-since";

/** Re-read before the cursor: rows that committed after later-stamped ones. */
export const OVERLAP_MS = 3_000;
/** After downtime, look back at most this far (older anomalies are history, not news). */
const MAX_CATCH_UP_MS = 10 * 60_000;
/** An account that stopped sending is still checked for bounces for this long. */
const RECENT_SENDER_MS = 3_600_000;

export const LOGIN_CURSOR = "alerts:login-events";
export const MESSAGE_CURSOR = "alerts:messages";

export type EvaluateResult = { raised: number; held: number; emails: number };

export type AlertEvaluator = { pass(now?: Date): Promise<EvaluateResult> };

export function createAlertEvaluator({ db, env, bounceEveryMs = 5_000 }: { db: Db; env: AlertEmailEnv; bounceEveryMs?: number }): AlertEvaluator {
  const known: KnownNetworks = new Map();
  const baselines: BaselineCache = new Map();
  const recentSenders = new Map<string, { workspaceId: string; lastSeen: number; lastBounceCheck: number }>();
  let raisedHour = 0;
  const raised = new Set<string>();

  const keyOf = (c: { workspaceId: string; rule: string; dedupKey: string }, at: Date) => `${c.workspaceId}|${c.rule}|${c.dedupKey}|${hourStart(at).getTime()}`;

  async function readCursor(name: string, now: Date): Promise<Date> {
    const row = await db.tailCursor.findUnique({ where: { name } });
    const floor = now.getTime() - MAX_CATCH_UP_MS;
    if (!row) return new Date(now.getTime() - OVERLAP_MS);
    return new Date(Math.max(row.createdAt.getTime(), floor));
  }

  async function saveCursor(name: string, createdAt: Date, lastId: string) {
    await db.tailCursor.upsert({ where: { name }, create: { name, createdAt, lastId }, update: { createdAt, lastId } });
  }

  async function pass(now: Date = new Date()): Promise<EvaluateResult> {
    if (hourStart(now).getTime() !== raisedHour) {
      raised.clear();
      // A cache, not the truth: forgetting costs one indexed query per pair.
      if (known.size > 100_000) known.clear();
      raisedHour = hourStart(now).getTime();
    }
    const [workspaces, ruleRows] = await Promise.all([db.workspace.findMany({ select: { id: true } }), db.alertRule.findMany()]);
    const settings = new Map(workspaces.map((w) => [w.id, effectiveSettings(ruleRows.filter((r) => r.workspaceId === w.id))]));
    const enabled = (workspaceId: string, rule: AlertRuleId): RuleSettings | null => {
      const s = settings.get(workspaceId)?.[rule];
      return s?.enabled ? s : null;
    };
    const workspaceIds = [...settings.keys()];
    if (workspaceIds.length === 0) return { raised: 0, held: 0, emails: 0 };

    const accountCache = new Map<string, VersionedAccount | null>();
    const loadAccounts = async (ids: readonly string[]) => {
      const missing = ids.filter((id) => !accountCache.has(id));
      if (missing.length === 0) return;
      const rows = await db.smtpAccount.findMany({
        where: { id: { in: missing }, workspaceId: { in: workspaceIds } },
        select: { id: true, workspaceId: true, label: true, passwordVersion: true, passwordChangedAt: true, previousPasswordVersion: true, graceEndsAt: true },
      });
      for (const id of missing) accountCache.set(id, null);
      for (const r of rows) accountCache.set(r.id, r);
    };
    const labels = async (id: string) => {
      await loadAccounts([id]);
      return accountCache.get(id)?.label ?? null;
    };

    const candidates: AlertCandidate[] = [];

    // Login events: new_ip and auth_failures.
    const loginSince = new Date((await readCursor(LOGIN_CURSOR, now)).getTime() - OVERLAP_MS);
    // Grouped in the database (account, address, result), so a busy relay's AUTHs cost a few rows, not one each.
    const loginGroups = await db.loginEvent.groupBy({
      by: ["workspaceId", "accountId", "clientIp", "success"],
      where: { workspaceId: { in: workspaceIds }, createdAt: { gt: loginSince } },
      _min: { createdAt: true },
      _max: { createdAt: true },
    });
    const byTime = <T extends { createdAt: Date }>(a: T, b: T) => a.createdAt.getTime() - b.createdAt.getTime();
    // new_ip looks at the first success from each address; auth_failures at the latest failure.
    const successes = loginGroups
      .flatMap((g) =>
        g.success && g.accountId && g.workspaceId && g._min.createdAt && enabled(g.workspaceId, "new_ip")
          ? [{ workspaceId: g.workspaceId, accountId: g.accountId, clientIp: g.clientIp, createdAt: g._min.createdAt }]
          : [],
      )
      .sort(byTime);
    candidates.push(...(await newIpCandidates({ db, events: successes, known, labels, v4BitsOf: (w) => settings.get(w)?.new_ip.minimum ?? DEFAULT_V4_BITS })));
    const failuresByWorkspace = new Map<string, { workspaceId: string; accountId: string | null; clientIp: string; createdAt: Date }[]>();
    for (const g of [...loginGroups].sort((a, b) => (a._max.createdAt?.getTime() ?? 0) - (b._max.createdAt?.getTime() ?? 0))) {
      if (g.success || !g.workspaceId || !g._max.createdAt || !enabled(g.workspaceId, "auth_failures")) continue;
      const list = failuresByWorkspace.get(g.workspaceId) ?? [];
      list.push({ workspaceId: g.workspaceId, accountId: g.accountId, clientIp: g.clientIp, createdAt: g._max.createdAt });
      failuresByWorkspace.set(g.workspaceId, list);
    }
    for (const [workspaceId, list] of failuresByWorkspace) {
      const skip = (dedupKey: string, at: Date) => raised.has(keyOf({ workspaceId, rule: "auth_failures", dedupKey }, at));
      candidates.push(...(await authFailureCandidates({ db, events: list, threshold: enabled(workspaceId, "auth_failures")!.threshold ?? 10, labels, skip })));
    }

    // Messages, grouped by account in the database: send_spike, old_password_version, bounce_rate.
    const messageSince = new Date((await readCursor(MESSAGE_CURSOR, now)).getTime() - OVERLAP_MS);
    const active = await sendersSince(db, workspaceIds, messageSince);
    await loadAccounts(active.map((a) => a.accountId));
    for (const a of active) {
      const entry = recentSenders.get(a.accountId);
      recentSenders.set(a.accountId, { workspaceId: a.workspaceId, lastSeen: now.getTime(), lastBounceCheck: entry?.lastBounceCheck ?? 0 });
    }
    const hour = hourStart(now);
    const notRaised = (rule: AlertRuleId) => (a: { workspaceId: string; accountId: string }) => !raised.has(keyOf({ workspaceId: a.workspaceId, rule, dedupKey: a.accountId }, hour));

    for (const workspaceId of new Set(active.map((a) => a.workspaceId))) {
      const mine = active.filter((a) => a.workspaceId === workspaceId);
      const spike = enabled(workspaceId, "send_spike");
      if (spike)
        candidates.push(
          ...(await sendSpikeCandidates({ db, accounts: mine.filter(notRaised("send_spike")), k: spike.threshold ?? 3, floor: spike.minimum ?? 100, now, cache: baselines, labels })),
        );
      if (enabled(workspaceId, "old_password_version")) {
        const suspicious = mine.flatMap((a) => {
          const account = accountCache.get(a.accountId);
          return account && a.minVersion < account.passwordVersion && notRaised("old_password_version")(a) ? [account] : [];
        });
        if (suspicious.length) candidates.push(...(await oldPasswordVersionCandidates({ db, accounts: suspicious, since: messageSince, now })));
      }
    }

    // Bounces land after acceptance: accounts that sent recently are re-checked every bounceEveryMs.
    const bounceDue: { workspaceId: string; accountId: string }[] = [];
    for (const [accountId, entry] of recentSenders) {
      if (now.getTime() - entry.lastSeen > RECENT_SENDER_MS) {
        recentSenders.delete(accountId);
        continue;
      }
      if (now.getTime() - entry.lastBounceCheck < bounceEveryMs) continue;
      if (!enabled(entry.workspaceId, "bounce_rate") || !notRaised("bounce_rate")({ workspaceId: entry.workspaceId, accountId })) continue;
      entry.lastBounceCheck = now.getTime();
      bounceDue.push({ workspaceId: entry.workspaceId, accountId });
    }
    for (const workspaceId of new Set(bounceDue.map((a) => a.workspaceId))) {
      const s = enabled(workspaceId, "bounce_rate")!;
      candidates.push(...(await bounceRateCandidates({ db, accounts: bounceDue.filter((a) => a.workspaceId === workspaceId), threshold: s.threshold ?? 0.2, n: s.minimum ?? 50, now, labels })));
    }

    let count = 0;
    let held = 0;
    for (const candidate of candidates) {
      const key = keyOf(candidate, candidate.at);
      if (raised.has(key)) continue;
      const result = await raiseAlert({ db, candidate, autoHold: enabled(candidate.workspaceId, candidate.rule)?.autoHold ?? false, now });
      raised.add(key);
      if (!result.created) continue;
      count++;
      if (result.holdApplied) held++;
    }

    const latest = (times: readonly (Date | null)[]) => times.reduce<Date | null>((max, t) => (t && (!max || t > max) ? t : max), null);
    const lastLogin = latest(loginGroups.map((g) => g._max.createdAt));
    if (lastLogin) await saveCursor(LOGIN_CURSOR, lastLogin, "");
    const lastMessage = latest(active.map((a) => a.lastAt));
    if (lastMessage) await saveCursor(MESSAGE_CURSOR, lastMessage, "");

    const { emails } = await notifyAlerts({ db, env, now });
    return { raised: count, held, emails };
  }

  return { pass };
}
