// Prometheus metrics of the relay (prom-client), served on RELAY_METRICS_PORT (0 = off) at
// /metrics on RELAY_HOST. Each metric has its own registry so tests and several relays in one
// process do not collide.
import http from "node:http";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { SmtpReply } from "./replies";

export type RelayMetrics = ReturnType<typeof createRelayMetrics>;

export function createRelayMetrics(options: { queueDepth?: () => Promise<number>; defaults?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaults) collectDefaultMetrics({ register: registry, prefix: "migosmtp_relay_" });
  const queueDepth = options.queueDepth;
  return {
    registry,
    connections: new Counter({ name: "migosmtp_relay_connections_total", help: "SMTP connections accepted", labelNames: ["listener"], registers: [registry] }),
    activeConnections: new Gauge({ name: "migosmtp_relay_connections_active", help: "SMTP connections open now", registers: [registry] }),
    openConnections: new Gauge({
      name: "migosmtp_relay_connections_open",
      help: "Connections counted against the caps now (until their socket closes), by authentication state",
      labelNames: ["state"],
      registers: [registry],
    }),
    connectionsRefused: new Counter({
      name: "migosmtp_relay_connections_refused_total",
      help: "Connections refused with 421 4.7.0, by the cap that was full (total, per_ip, unauthenticated)",
      labelNames: ["reason"],
      registers: [registry],
    }),
    connectionsCut: new Counter({
      name: "migosmtp_relay_connections_cut_total",
      help: "Connections closed for overrunning an absolute deadline (command_deadline, data_deadline, handshake_deadline)",
      labelNames: ["reason"],
      registers: [registry],
    }),
    auth: new Counter({ name: "migosmtp_relay_auth_total", help: "SMTP AUTH attempts by result and reason", labelNames: ["result", "reason"], registers: [registry] }),
    accepted: new Counter({ name: "migosmtp_relay_messages_accepted_total", help: "Messages stored and answered 250", registers: [registry] }),
    rejected: new Counter({ name: "migosmtp_relay_messages_rejected_total", help: "Messages refused, by reason", labelNames: ["reason"], registers: [registry] }),
    loginEventsDropped: new Counter({
      name: "migosmtp_relay_login_events_dropped_total",
      help: "Successful-AUTH LoginEvents given up on, by reason (overflow, retries_exhausted, rejected, shutdown)",
      labelNames: ["reason"],
      registers: [registry],
    }),
    loginEventsDetached: new Counter({
      name: "migosmtp_relay_login_events_detached_total",
      help: "LoginEvents stored with their account or workspace id nulled because it was deleted before the flush",
      registers: [registry],
    }),
    commitBatch: new Histogram({
      name: "migosmtp_relay_commit_batch_size",
      help: "Messages per group-commit transaction",
      buckets: [1, 2, 4, 8, 16, 32, 64],
      registers: [registry],
    }),
    commitSeconds: new Histogram({
      name: "migosmtp_relay_commit_seconds",
      help: "Duration of a group-commit transaction",
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5],
      registers: [registry],
    }),
    storeSteps: new Histogram({
      name: "migosmtp_relay_store_step_seconds",
      help: "Time of the SQLite writer thread's calls by method and step (wait: behind earlier calls; work; statements and sync for commits)",
      labelNames: ["method", "step"],
      buckets: [0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1],
      registers: [registry],
    }),
    queue: new Gauge({
      name: "migosmtp_relay_queue_depth",
      help: "Messages waiting for delivery (queued + deferred)",
      registers: [registry],
      async collect() {
        if (queueDepth) this.set(await queueDepth());
      },
    }),
    deliveries: new Counter({ name: "migosmtp_relay_deliveries_total", help: "Delivery attempts by outcome", labelNames: ["outcome"], registers: [registry] }),
    duplicates: new Counter({ name: "migosmtp_relay_duplicate_deliveries_total", help: "Deliveries found to repeat one already made", registers: [registry] }),
    deliveryLatency: new Histogram({
      name: "migosmtp_relay_delivery_latency_seconds",
      help: "From acceptance to final delivery outcome",
      labelNames: ["outcome"],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120, 600, 3600],
      registers: [registry],
    }),
  };
}

/** A short label for why a message was refused, from the reply that refused it. */
export function rejectionReason(reply: SmtpReply): string {
  if (reply.code === 535) return "auth";
  if (reply.code === 553) return "sender";
  if (reply.code === 550 && reply.text.startsWith("5.7.1")) return "header";
  if (reply.code === 552) return "size";
  if (reply.code === 550 && reply.text.startsWith("5.1.1")) return "suppressed";
  if (reply.code === 452) return "recipients";
  if (reply.text.startsWith("4.7.1")) return "rate_limit";
  if (reply.text.startsWith("4.3.0")) return "storage";
  return `other_${reply.code}`;
}

export function startMetricsServer(registry: Registry, host: string, port: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": registry.contentType }).end(text),
      () => res.writeHead(500, { "content-type": "text/plain" }).end("metrics unavailable\n"),
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
