// The demo's few days of traffic (demo mode): what each demo workspace's Delivery
// Logs, account pages and Audit Log show on first visit. Times are hours before the seed runs.
// Every message's subject starts with DEMO_SUBJECT_PREFIX and every audit event's metadata has
// `demo: true`, so demo data is never mistaken for real traffic.
import type { AuditAction } from "../audit/actions";

export const DEMO_SUBJECT_PREFIX = "[Demo] ";

/** Where demo deliveries "went": a name that cannot resolve (RFC 6761 .invalid). */
export const DEMO_UPSTREAM = "smtp://smarthost.demo.invalid:587";

/** The two client addresses demo applications connect from (RFC 5737 documentation ranges). */
export const DEMO_APP_SERVER_IP = "192.0.2.10";
export const DEMO_OFFICE_IP = "198.51.100.23";

/**
 * How a message's delivery went: delivered at once; deferred (greylisted) then delivered;
 * bounced (5xx); still deferred (retrying); held (not delivered until released).
 */
export type DemoStory = "delivered" | "greylisted" | "bounced" | "deferred" | "held";

export type DemoMessage = {
  account: string;
  from: string;
  to: string[];
  subject: string;
  hoursAgo: number;
  ip: string;
  story: DemoStory;
  /** The remote server's reply for a bounce or a deferral. */
  reply?: string;
};

export type DemoLogin = { account: string; hoursAgo: number; ip: string; success: boolean };

export type DemoAudit = { action: AuditAction; actor: string | null; account?: string; hoursAgo: number; ip: string | null; metadata?: Record<string, unknown> };

export type DemoTraffic = { messages: DemoMessage[]; logins: DemoLogin[]; audit: DemoAudit[] };

const APP = DEMO_APP_SERVER_IP;
const OFFICE = DEMO_OFFICE_IP;

export const DEMO_TRAFFIC: Record<string, DemoTraffic> = {
  acme: {
    messages: [
      { account: "Transactional mail", from: "noreply@acme.test", to: ["jane.doe@example.com"], subject: "Your order #10423 has shipped", hoursAgo: 70, ip: APP, story: "delivered" },
      { account: "Marketing newsletter", from: "news@acme.test", to: ["ana.silva@example.org", "k.tanaka@example.net", "lee.wong@example.com"], subject: "What's new at Acme this month", hoursAgo: 64, ip: APP, story: "delivered" },
      { account: "Transactional mail", from: "noreply@acme.test", to: ["old.address@example.net"], subject: "Reset your password", hoursAgo: 52, ip: APP, story: "bounced", reply: "550 5.1.1 <old.address@example.net>: Recipient address rejected: User unknown in virtual mailbox table" },
      { account: "Billing system", from: "invoices@acme.test", to: ["accounts@example.org"], subject: "Invoice INV-2041 for October", hoursAgo: 47, ip: OFFICE, story: "delivered" },
      { account: "Transactional mail", from: "noreply@acme.test", to: ["new.user@example.com"], subject: "Welcome to Acme", hoursAgo: 30, ip: APP, story: "greylisted", reply: "451 4.7.1 <new.user@example.com>: Recipient address rejected: Greylisted, please try again in 5 minutes" },
      { account: "Marketing newsletter", from: "news@acme.test", to: ["nobody@no-such-host.example"], subject: "Flash sale: 24 hours only", hoursAgo: 26, ip: APP, story: "bounced", reply: "550 5.1.2 <nobody@no-such-host.example>: Host or domain name not found" },
      { account: "Marketing newsletter", from: "news@acme.test", to: ["r.mueller@example.de"], subject: "Your exclusive customer offer", hoursAgo: 20, ip: OFFICE, story: "held" },
      { account: "Billing system", from: "billing@acme.test", to: ["finance@slow-mx.example"], subject: "Payment receipt for order #10431", hoursAgo: 6, ip: OFFICE, story: "deferred", reply: "421 4.4.2 mx.slow-mx.example: Connection timed out" },
      { account: "Transactional mail", from: "noreply@acme.test", to: ["m.rossi@example.org"], subject: "Your order #10440 has shipped", hoursAgo: 3, ip: APP, story: "delivered" },
      { account: "Billing system", from: "invoices@acme.test", to: ["accounts@example.org"], subject: "Reminder: invoice INV-2041 is due", hoursAgo: 1, ip: OFFICE, story: "delivered" },
    ],
    logins: [
      { account: "Transactional mail", hoursAgo: 70, ip: APP, success: true },
      { account: "Marketing newsletter", hoursAgo: 64, ip: APP, success: true },
      { account: "Billing system", hoursAgo: 48, ip: OFFICE, success: false },
      { account: "Billing system", hoursAgo: 47.9, ip: OFFICE, success: false },
      { account: "Billing system", hoursAgo: 47.5, ip: OFFICE, success: true },
      { account: "Transactional mail", hoursAgo: 30, ip: APP, success: true },
      { account: "Marketing newsletter", hoursAgo: 20, ip: OFFICE, success: false },
      { account: "Marketing newsletter", hoursAgo: 20, ip: OFFICE, success: true },
      { account: "Billing system", hoursAgo: 6, ip: OFFICE, success: true },
      { account: "Transactional mail", hoursAgo: 3, ip: APP, success: true },
    ],
    audit: [
      { action: "credentials.reveal", actor: "admin@acme.test", account: "Billing system", hoursAgo: 49, ip: OFFICE },
      { action: "credentials.copy", actor: "admin@acme.test", account: "Billing system", hoursAgo: 49, ip: OFFICE, metadata: { field: "password" } },
      { action: "credentials.reveal", actor: "owner@acme.test", account: "Marketing newsletter", hoursAgo: 21, ip: OFFICE },
      { action: "member.invite", actor: "owner@acme.test", hoursAgo: 66, ip: OFFICE, metadata: { email: "contractor@example.com", role: "developer" } },
    ],
  },
  globex: {
    messages: [
      { account: "Globex notifications", from: "alerts@globex.test", to: ["oncall@example.com"], subject: "Disk usage above 90% on db-2", hoursAgo: 58, ip: APP, story: "delivered" },
      { account: "Globex notifications", from: "alerts@globex.test", to: ["former.employee@example.org"], subject: "Weekly uptime report", hoursAgo: 40, ip: APP, story: "bounced", reply: "550 5.1.1 <former.employee@example.org>: Recipient address rejected: User unknown" },
      { account: "Globex notifications", from: "alerts@globex.test", to: ["ops@slow-mx.example"], subject: "Backup finished with warnings", hoursAgo: 5, ip: APP, story: "deferred", reply: "421 4.4.2 mx.slow-mx.example: Connection timed out" },
      { account: "Globex notifications", from: "alerts@globex.test", to: ["oncall@example.com"], subject: "Disk usage back to normal on db-2", hoursAgo: 2, ip: APP, story: "delivered" },
    ],
    logins: [
      { account: "Globex notifications", hoursAgo: 58, ip: APP, success: true },
      { account: "Globex notifications", hoursAgo: 41, ip: OFFICE, success: false },
      { account: "Globex notifications", hoursAgo: 40, ip: APP, success: true },
      { account: "Globex notifications", hoursAgo: 5, ip: APP, success: true },
    ],
    audit: [{ action: "credentials.reveal", actor: "admin@globex.test", account: "Globex notifications", hoursAgo: 59, ip: OFFICE }],
  },
};
