// Through the real relay: mail from a verified domain with an active DKIM key leaves (here: the
// sink) DKIM-signed, and mailauth validates it against the key the loopback DNS server
// publishes; mail from a domain that is not verified is refused with 553 5.7.1.
import fs from "node:fs";
import { Resolver } from "node:dns/promises";
import { randomBytes } from "node:crypto";
import { dkimVerify } from "mailauth/lib/dkim/verify";
import nodemailer from "nodemailer";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRelayStore } from "../../relay/create-relay-store";
import { sinkPath, startDeliveryWorker, type DeliveryWorker } from "../../relay/delivery-worker";
import { startTestRelay, type TestRelay } from "../../relay/test-relay";
import { insertSmtpAccount } from "../smtp-accounts/insert-account";
import type { Actor } from "../smtp-accounts/actor";
import { addDomain } from "./add-domain";
import { dkimRecordValue } from "./dkim-keys";
import { dkimRecordName, ownershipRecordName, ownershipRecordValue } from "./dns-records";
import { startTestDnsServer, type TestDnsServer } from "./test-dns-server";
import { verifyDomain } from "./verify-domain";

let r: TestRelay;
let dns: TestDnsServer;
let worker: DeliveryWorker;
let closeStore: () => Promise<void>;

const actor: Actor = { id: "user_admin", email: "admin@acme.test", authTime: new Date(), meta: { ip: null, userAgent: null } };

beforeAll(async () => {
  dns = await startTestDnsServer();
  r = await startTestRelay({ DNS_SERVERS: dns.address });
  const store = await createRelayStore(r.env, r.db);
  closeStore = () => store.close();
  worker = startDeliveryWorker({ env: r.env, db: r.db, store, logger: pino({ level: "silent" }), idlePollMs: 100 });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await closeStore?.();
  await r?.close();
  await dns?.close();
});

async function domainWithAccount(verified: boolean) {
  const name = `mail-${randomBytes(3).toString("hex")}.example`;
  const { domainId } = await addDomain({ db: r.db, env: r.env, workspaceId: r.workspaceId, name, actor });
  const row = await r.db.domain.findUniqueOrThrow({ where: { id: domainId }, include: { dkimKeys: true } });
  if (verified) {
    dns.setTxt(ownershipRecordName(name), [ownershipRecordValue(row.verificationToken)]);
    dns.setTxt(dkimRecordName(row.dkimKeys[0]!.selector, name), [dkimRecordValue(row.dkimKeys[0]!.publicKey)]);
    expect((await verifyDomain({ db: r.db, env: r.env, workspaceId: r.workspaceId, domainId, actor })).status).toBe("verified");
  }
  const { account, password } = await insertSmtpAccount(r.db, r.env, { workspaceId: r.workspaceId, domainId, label: "DKIM test", fromAddress: null });
  return { name, selector: row.dkimKeys[0]!.selector, username: account.username, password };
}

function transport(auth: { user: string; pass: string }) {
  return nodemailer.createTransport({ host: "127.0.0.1", port: r.ports.starttls, secure: false, requireTLS: true, auth, tls: { ca: [r.certPem], servername: "localhost" } });
}

it("signs mail from a verified domain; an independent verifier passes the signature against the published key", async () => {
  const d = await domainWithAccount(true);
  const info = await transport({ user: d.username, pass: d.password }).sendMail({
    from: `Shop <orders@${d.name}>`,
    to: "customer@receiver.example",
    subject: "Your order",
    text: "Thank you for your order.\nIt ships tomorrow.",
  });
  const message = await r.db.message.findFirstOrThrow({ where: { envelopeFrom: `orders@${d.name}` } });
  expect(info.accepted).toEqual(["customer@receiver.example"]);
  const file = sinkPath(r.env.DATA_DIR, message.id);
  await expect.poll(() => fs.existsSync(file), { timeout: 15_000 }).toBe(true);
  const delivered = fs.readFileSync(file);
  expect(delivered.toString()).toMatch(/^DKIM-Signature: /);

  const resolver = new Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([dns.address]);
  const result = await dkimVerify(delivered, { resolver: (name: string, rr: string) => resolver.resolve(name, rr) as Promise<string[][]> });
  expect(result.results).toHaveLength(1);
  expect(result.results[0]).toMatchObject({ signingDomain: d.name, selector: d.selector, status: { result: "pass", aligned: d.name } });
});

it("refuses mail from a domain that is not verified with 553 5.7.1", async () => {
  const d = await domainWithAccount(false);
  const error = await transport({ user: d.username, pass: d.password })
    .sendMail({ from: `orders@${d.name}`, to: "customer@receiver.example", subject: "x", text: "x" })
    .catch((e: unknown) => e as { responseCode?: number; response?: string });
  expect(error).toMatchObject({ responseCode: 553 });
  expect(String((error as { response?: string }).response)).toMatch(/5\.7\.1.*not verified/);
});
