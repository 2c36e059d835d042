// One signed POST over a real socket: the connection goes to the address the guard resolved and
// checked (never a second lookup), private targets are refused before any byte is sent, and a
// silent endpoint is given up on after the timeout.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateEndpointSecret } from "./endpoint-secret";
import { postWebhook } from "./post-webhook";
import { startWebhookReceiver, type WebhookReceiver } from "./testing/receiver";

let receiver: WebhookReceiver;
const secret = generateEndpointSecret();
const port = () => new URL(receiver.url()).port;
const base = { secret, payload: JSON.stringify({ id: "evt_1", type: "webhook.test" }), timeoutMs: 2000 };

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

describe("posting a webhook", () => {
  it("connects to the address the guard resolved, for a name no system resolver knows, and signs the body", async () => {
    const outcome = await postWebhook({ ...base, url: `http://hooks.invalid:${port()}/resolved`, eventId: "evt_resolved", allowPrivate: true, resolve: async () => [{ address: "127.0.0.1", family: 4 }] });
    expect(outcome).toMatchObject({ ok: true, statusCode: 200, error: null });
    expect(receiver.verified("/resolved", secret)).toMatchObject([{ id: "evt_1", webhookId: "evt_resolved" }]);
    expect(receiver.requests("/resolved")[0]!.headers).toMatchObject({ "content-type": "application/json", host: `hooks.invalid:${port()}` });
  });

  it("refuses a name that resolves to loopback, and a loopback IP literal, without sending anything", async () => {
    const before = receiver.requests().length;
    const byName = await postWebhook({ ...base, url: `http://hooks.invalid:${port()}/blocked`, eventId: "evt_b1", allowPrivate: false, resolve: async () => [{ address: "127.0.0.1", family: 4 }] });
    expect(byName).toMatchObject({ ok: false, statusCode: null, error: expect.stringMatching(/private, loopback or link-local/) });
    const literal = await postWebhook({ ...base, url: receiver.url("/blocked"), eventId: "evt_b2", allowPrivate: false });
    expect(literal).toMatchObject({ ok: false, statusCode: null, error: expect.stringMatching(/private, loopback or link-local/) });
    expect(receiver.requests().length).toBe(before);
  });

  it("gives up on an endpoint that does not answer within the timeout", async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const outcome = await postWebhook({ ...base, timeoutMs: 300, url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`, eventId: "evt_t", allowPrivate: true });
      expect(outcome).toMatchObject({ ok: false, statusCode: null, error: "no answer within 300 ms" });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("records a refused connection as no answer", async () => {
    const outcome = await postWebhook({ ...base, url: "http://127.0.0.1:9/", eventId: "evt_r", allowPrivate: true });
    expect(outcome).toMatchObject({ ok: false, statusCode: null, error: "connection refused" });
  });
});
