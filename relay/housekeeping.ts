// The relay's housekeeping, apart from delivery so none of it delays a message: rate-limit
// counters pruned and password expiry warnings sent each minute, due domains' DNS re-checked (seconds per pass, one at a time),
// the charts' hourly rollup of closed hours caught up (a day per transaction, then an hour an hour),
// and retention (whole-table scans) hourly; anomaly alerts every ALERTS_POLL_MS (lib/alerts/evaluate-alerts.ts). Each pass is logged and never overlaps itself.
import type { Logger } from "pino";
import type { Db } from "../lib/db";
import type { Env } from "../lib/env";
import { pruneExpired } from "../lib/delivery-logs/prune";
import { recheckDueDomains } from "../lib/domains/verify-domain";
import { pruneRateCounters } from "../lib/smtp-accounts/authenticate";
import { sendExpiryWarnings } from "../lib/access-policy/expiry-warnings";
import { createAlertEvaluator } from "../lib/alerts/evaluate-alerts";
import { rollUpAllClosedHours } from "../lib/charts/rollups";

export type HousekeepingEnv = Pick<Env, "DATA_DIR" | "DNS_SERVERS" | "MESSAGE_RETENTION_DAYS" | "AUDIT_RETENTION_DAYS" | "SMTP_PUBLIC_HOST" | "PORTAL_URL" | "ALERTS_POLL_MS">;

const MINUTE_MS = 60_000;
/** The charts' rollup catches up a day per short transaction, for up to this long a minute. */
const ROLLUP_BUDGET_MS = 20_000;
/** Retention scans whole tables: hourly is plenty. */
const RETENTION_EVERY_MS = 3_600_000;

export type Housekeeping = { stop(): Promise<void> };

export function startHousekeeping({ env, db, logger, pollMs = 1_000 }: { env: HousekeepingEnv; db: Db; logger: Logger; pollMs?: number }): Housekeeping {
  let lastMinute = 0;
  let lastRetention = 0;
  const running = new Set<Promise<void>>();
  let counters: Promise<void> | null = null;
  let domains: Promise<void> | null = null;
  let retention: Promise<void> | null = null;
  let warnings: Promise<void> | null = null;
  let alerts: Promise<void> | null = null;
  const evaluator = createAlertEvaluator({ db, env, bounceEveryMs: Math.max(1_000, env.ALERTS_POLL_MS * 4) });
  let rollup: Promise<void> | null = null;

  const track = (work: Promise<void>) => {
    running.add(work);
    void work.finally(() => running.delete(work));
    return work;
  };

  const pass = () => {
    const now = new Date();
    if (now.getTime() - lastMinute > MINUTE_MS) {
      lastMinute = now.getTime();
      counters ??= track(
        pruneRateCounters({ db, now })
          .then(() => undefined)
          .catch((error: unknown) => logger.error({ event: "rate_counters", err: error }, "pruning rate counters failed"))
          .finally(() => (counters = null)),
      );
      domains ??= track(
        recheckDueDomains(db, env, { now })
          .then((r) => void (r.checked > 0 && logger.info({ event: "domains", ...r }, "domain DNS re-checks")))
          .catch((error: unknown) => logger.error({ event: "domains", err: error }, "domain DNS re-checks failed"))
          .finally(() => (domains = null)),
      );
      warnings ??= track(
        sendExpiryWarnings({ db, env, now })
          .then((r) => void (r.warned + r.rearmed > 0 && logger.info({ event: "expiry_warnings", ...r }, "password expiry warnings")))
          .catch((error: unknown) => logger.error({ event: "expiry_warnings", err: error }, "expiry warnings failed"))
          .finally(() => (warnings = null)),
      );
      rollup ??= track(
        rollUpAllClosedHours(db, now, ROLLUP_BUDGET_MS)
          .then((rows) => void (rows > 0 && logger.info({ event: "volume_rollup", rows }, "hourly volume rolled up")))
          .catch((error: unknown) => logger.error({ event: "volume_rollup", err: error }, "hourly volume rollup failed"))
          .finally(() => (rollup = null)),
      );
    }
    if (now.getTime() - lastRetention > RETENTION_EVERY_MS) {
      lastRetention = now.getTime();
      retention ??= track(
        pruneExpired(db, env, env.DATA_DIR, { now })
          .then((r) => void (r.messages + r.loginEvents + r.auditEvents + r.sinkFiles + r.volumeHours > 0 && logger.info({ event: "retention", ...r }, "pruned expired records")))
          .catch((error: unknown) => logger.error({ event: "retention", err: error }, "retention pass failed"))
          .finally(() => (retention = null)),
      );
    }
  };

  const alertPass = () => {
    alerts ??= track(
      evaluator
        .pass()
        .then((r) => void (r.raised + r.emails > 0 && logger.info({ event: "alerts", ...r }, "anomaly alerts")))
        .catch((error: unknown) => logger.error({ event: "alerts", err: error }, "alert evaluation failed"))
        .finally(() => (alerts = null)),
    );
  };

  pass();
  alertPass();
  const timer = setInterval(pass, pollMs);
  timer.unref();
  const alertTimer = setInterval(alertPass, env.ALERTS_POLL_MS);
  alertTimer.unref();
  return {
    async stop() {
      clearInterval(timer);
      clearInterval(alertTimer);
      await Promise.all(running);
    },
  };
}
