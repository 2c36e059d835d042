// Seeds the demo workspaces (demo mode: no OIDC_ISSUER set): users, workspaces, verified domains with
// their DKIM keys, accounts, and a few days of demo traffic. Idempotent: what exists is left
// alone, so re-running `npm start` never changes a password an admin has already copied.
import { randomBytes } from "node:crypto";
import type { Db } from "../db";
import type { Env } from "../env";
import { insertSmtpAccount } from "../smtp-accounts/insert-account";
import { DEMO_USERS, DEMO_WORKSPACES } from "../demo/fixtures";
import { ensureDemoDkimKey } from "./demo-dkim-key";
import { seedDemoAlerts } from "./demo-alerts";
import { seedDemoSuppressions } from "./demo-suppressions";
import { seedDemoTraffic } from "./demo-traffic";

export async function seedDemo(db: Db, env: Env): Promise<void> {
  const usersByEmail = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const user = await db.user.upsert({
      where: { issuer_subject: { issuer: env.OIDC_ISSUER, subject: u.sub } },
      create: { issuer: env.OIDC_ISSUER, subject: u.sub, email: u.email, emailVerified: true, name: u.name },
      update: {},
    });
    usersByEmail.set(u.email, user.id);
  }

  for (const w of DEMO_WORKSPACES) {
    const workspace = await db.workspace.upsert({ where: { slug: w.slug }, create: { slug: w.slug, name: w.name }, update: {} });
    const domain = await db.domain.upsert({
      where: { workspaceId_name: { workspaceId: workspace.id, name: w.domain } },
      create: {
        workspaceId: workspace.id,
        name: w.domain,
        status: "verified",
        verifiedAt: new Date(),
        lastCheckedAt: new Date(),
        verificationToken: randomBytes(16).toString("hex"),
      },
      update: {},
    });
    await ensureDemoDkimKey(db, env, domain.id);
    for (const m of w.members) {
      const userId = usersByEmail.get(m.email)!;
      await db.membership.upsert({
        where: { workspaceId_userId: { workspaceId: workspace.id, userId } },
        create: { workspaceId: workspace.id, userId, role: m.role },
        update: {},
      });
    }
    for (const a of w.accounts) {
      const exists = await db.smtpAccount.findFirst({ where: { workspaceId: workspace.id, label: a.label }, select: { id: true } });
      if (exists) continue;
      await insertSmtpAccount(db, env, { workspaceId: workspace.id, domainId: domain.id, label: a.label, fromAddress: a.fromAddress });
    }
    const accounts = await db.smtpAccount.findMany({
      where: { workspaceId: workspace.id, label: { in: w.accounts.map((a) => a.label) } },
      select: { id: true, label: true, username: true, passwordVersion: true },
    });
    // Traffic only with every demo account in place: an admin may have deleted one since.
    if (accounts.length === w.accounts.length)
      await seedDemoTraffic(db, { workspaceId: workspace.id, slug: w.slug, accounts: new Map(accounts.map((a) => [a.label, a])), users: usersByEmail });
    if (accounts.length === w.accounts.length) await seedDemoAlerts(db, { workspaceId: workspace.id, accounts: new Map(accounts.map((a) => [a.label, a])) });
    await seedDemoSuppressions(db, { workspaceId: workspace.id, slug: w.slug });
  }
}
