// The signature the relay sends is the one the Standard Webhooks library computes and accepts.
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { signWebhook } from "./sign-webhook";

describe("signWebhook", () => {
  const secret = `whsec_${randomBytes(32).toString("base64")}`;
  const at = new Date("2026-11-28T19:00:00.999Z");

  it.each(['{"id":"evt_1"}', '{"subject":"Grüße ✉ — 日本"}', ""])("matches the library's signature for %j", (payload) => {
    expect(signWebhook(secret, "evt_1", at, payload)).toBe(new Webhook(secret).sign("evt_1", at, payload));
  });

  it("verifies with the library", () => {
    const now = new Date();
    const payload = JSON.stringify({ id: "evt_2", type: "message.accepted" });
    const headers = { "webhook-id": "evt_2", "webhook-timestamp": String(Math.floor(now.getTime() / 1000)), "webhook-signature": signWebhook(secret, "evt_2", now, payload) };
    expect(new Webhook(secret).verify(payload, headers)).toEqual(JSON.parse(payload));
  });
});
