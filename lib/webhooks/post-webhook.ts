// One signed POST of a webhook body (Standard Webhooks: webhook-id, webhook-timestamp,
// webhook-signature = v1,base64(HMAC-SHA-256(secret, "id.timestamp.body"))). The socket connects
// only to an address the SSRF guard checked; redirects are not followed; the answer's body is
// read (bounded) and dropped. Never throws: the outcome is what the attempt row records.
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { signWebhook } from "./sign-webhook";
import { guardedLookup, hostOf, isBlockedAddress, parseWebhookUrl, type ResolveHost } from "./url-guard";

export type PostOutcome = { statusCode: number | null; error: string | null; durationMs: number; ok: boolean };

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Connections are kept alive and reused per origin: a new TCP (and TLS) connection per event
 * costs more CPU than the event, on the relay's machine. Reuse keeps the SSRF guarantee: a socket
 * is only ever opened through the guarded lookup, to a checked address. A caller's own resolver
 * (tests) gets fresh connections, so one resolver's sockets never serve another's.
 */
const AGENTS = { "http:": new http.Agent({ keepAlive: true, maxSockets: 16 }), "https:": new https.Agent({ keepAlive: true, maxSockets: 16 }) } as const;

export type PostWebhookInput = {
  url: string;
  secret: string;
  eventId: string;
  payload: string;
  timeoutMs: number;
  allowPrivate: boolean;
  now?: Date;
  resolve?: ResolveHost;
};

export async function postWebhook({ url, secret, eventId, payload, timeoutMs, allowPrivate, now = new Date(), resolve }: PostWebhookInput): Promise<PostOutcome> {
  const started = Date.now();
  const done = (statusCode: number | null, error: string | null): PostOutcome => ({
    statusCode,
    error: error?.slice(0, 500) ?? null,
    durationMs: Date.now() - started,
    ok: statusCode !== null && statusCode >= 200 && statusCode < 300,
  });
  let target: URL;
  try {
    target = parseWebhookUrl(url);
  } catch (error) {
    return done(null, (error as Error).message);
  }
  const host = hostOf(target);
  // An IP literal is connected to without a lookup, so it is checked here.
  if (!allowPrivate && isIP(host) && isBlockedAddress(host)) return done(null, `${host} is a private, loopback or link-local address (set WEBHOOK_ALLOW_PRIVATE=true to allow)`);

  const signature = signWebhook(secret, eventId, now, payload);
  const body = Buffer.from(payload, "utf8");
  const request = target.protocol === "https:" ? https.request : http.request;
  return new Promise<PostOutcome>((settle) => {
    let finished = false;
    const finish = (outcome: PostOutcome) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      settle(outcome);
    };
    const req = request(
      target,
      {
        method: "POST",
        lookup: guardedLookup({ allowPrivate, resolve }) as unknown as http.RequestOptions["lookup"],
        headers: {
          "content-type": "application/json",
          "content-length": String(body.length),
          "user-agent": "MigoSMTP-Webhooks/1",
          "webhook-id": eventId,
          "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
          "webhook-signature": signature,
        },
        agent: resolve ? false : AGENTS[target.protocol as keyof typeof AGENTS],
      },
      (res) => {
        let read = 0;
        res.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_BODY_BYTES) res.destroy();
        });
        const status = res.statusCode ?? null;
        res.on("end", () => finish(done(status, status !== null && status >= 300 ? `HTTP ${status}` : null)));
        res.on("close", () => finish(done(status, status !== null && status >= 300 ? `HTTP ${status}` : null)));
        res.on("error", () => finish(done(status, `HTTP ${status}`)));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish(done(null, `no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) => finish(done(null, describeError(error))));
    req.end(body);
  });
}

function describeError(error: NodeJS.ErrnoException): string {
  if (error.code === "WEBHOOK_BLOCKED_TARGET") return error.message;
  if (error.code === "ECONNREFUSED") return "connection refused";
  if (error.code === "ENOTFOUND" || error.code === "EAI_AGAIN") return "host name does not resolve";
  if (error.code === "ECONNRESET") return "connection reset";
  return error.code ? `${error.code}: ${error.message}` : error.message;
}
