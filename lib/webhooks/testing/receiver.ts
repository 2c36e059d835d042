// For tests: an HTTP server on 127.0.0.1 that receives webhooks. Each path is its own endpoint
// (`url(path)`); a path can be told to answer with given statuses first (`answer(path, [500,
// 500, 500])`, then 200). Every request is kept; `verified(path, secret)` checks each with the
// kept Standard Webhooks library (`Webhook.verify`) and returns the parsed bodies, in order.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export type ReceivedRequest = { path: string; headers: Record<string, string>; body: string; status: number; at: Date };
export type VerifiedEvent = { id: string; type: string; createdAt: string; workspace: { id: string; slug: string }; data: Record<string, unknown>; webhookId: string };

export type WebhookReceiver = {
  url(path?: string): string;
  /** Answer the next requests on `path` with these statuses, in order; afterwards 200. */
  answer(path: string, statuses: number[]): void;
  requests(path?: string): ReceivedRequest[];
  /** Every request on `path` verified with `secret` (throws if one does not verify). */
  verified(path: string, secret: string): VerifiedEvent[];
  close(): Promise<void>;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const scripted = new Map<string, number[]>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0]!;
      const status = scripted.get(path)?.shift() ?? 200;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      received.push({ path, headers, body: Buffer.concat(chunks).toString("utf8"), status, at: new Date() });
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "not now");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const on = (path?: string) => received.filter((r) => path === undefined || r.path === path);
  return {
    url: (path = "/") => `http://127.0.0.1:${port}${path}`,
    answer: (path, statuses) => void scripted.set(path, [...statuses]),
    requests: on,
    verified(path, secret) {
      const hook = new Webhook(secret);
      return on(path).map((r) => ({ ...(hook.verify(r.body, r.headers) as Omit<VerifiedEvent, "webhookId">), webhookId: r.headers["webhook-id"]! }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
