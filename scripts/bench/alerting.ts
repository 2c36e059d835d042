// The relay benchmark's `--alerting` option (issue #18): a second workspace gets every alert
// rule on (auto-hold off, so mail still flows), a webhook endpoint subscribed to every event type
// (a receiver answering 204 in a process of its own at the lowest CPU priority,
// scripts/bench/webhook-receiver.mjs, so the tailer really POSTs), and a suppression list of
// 10,000 addresses (the benchmark's recipient is not on it, so every RCPT TO is looked up and
// passes). The plain workspace has every rule off, no endpoint and no suppression; both send
// through the same relay in the same rounds, and the drop between them is the cost of all three.
import { fork } from "node:child_process";
import os from "node:os";
import { ALERT_RULES } from "../../lib/alerts/rules";
import type { Db } from "../../lib/db";
import type { Env } from "../../lib/env";
import { testActor } from "../../lib/testing/test-actor";
import { createWebhookEndpoint } from "../../lib/webhooks/create-endpoint";
import { WEBHOOK_EVENT_TYPES } from "../../lib/webhooks/events";

export const SUPPRESSED_ADDRESSES = 10_000;

/** BENCH_ALERTING_PARTS (default all): which of rules, webhooks and suppressions to set up, to see each one's cost. */
const PARTS = new Set((process.env.BENCH_ALERTING_PARTS ?? "rules,webhooks,suppressions").split(",").map((p) => p.trim()));

export type Alerting = { received: () => Promise<number>; close(): Promise<void> };

/** The plain workspace's side: every rule off (without a row a rule is on). */
export async function disableAlertRules(db: Db, workspaceId: string): Promise<void> {
  await db.alertRule.createMany({ data: ALERT_RULES.map((rule) => ({ workspaceId, rule, enabled: false, autoHold: false })) });
}

export async function setUpAlerting(db: Db, env: Pick<Env, "CREDENTIALS_KEYS" | "WEBHOOK_ALLOW_PRIVATE">, workspaceId: string): Promise<Alerting> {
  const receiver = fork(new URL("./webhook-receiver.mjs", import.meta.url), [], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  os.setPriority(receiver.pid!, 19);
  const reply = <T>() => new Promise<T>((resolve) => receiver.once("message", (m) => resolve(m as T)));
  const { port } = await reply<{ port: number }>();
  // Without a row a rule is on; "off" here means every rule disabled.
  await db.alertRule.createMany({ data: ALERT_RULES.map((rule) => ({ workspaceId, rule, enabled: PARTS.has("rules"), autoHold: false })) });
  if (PARTS.has("webhooks"))
    await createWebhookEndpoint({ db, env, workspaceId, input: { url: `http://127.0.0.1:${port}/bench`, eventTypes: [...WEBHOOK_EVENT_TYPES], finalStateOnly: false }, actor: testActor() });
  for (let start = 0; PARTS.has("suppressions") && start < SUPPRESSED_ADDRESSES; start += 1000)
    await db.suppression.createMany({
      data: Array.from({ length: 1000 }, (_, i) => ({ workspaceId, address: `gone-${start + i}@example.com`, reason: "manual" })),
    });
  return {
    received: async () => {
      const answer = reply<{ received: number }>();
      receiver.send("count");
      return (await answer).received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        receiver.once("exit", () => resolve());
        receiver.send("stop");
      }),
  };
}
