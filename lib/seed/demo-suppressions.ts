// A demo workspace's suppression list: the recipients its seeded traffic hard-bounced (linked to
// the bounced message, as the delivery worker would add them), an address an admin added by
// hand and two imported from a previous provider. Seeded once: a workspace whose list has ever
// been touched (an entry, or a suppression audit event) is left as it is.
import type { Db } from "../db";
import { DEMO_TRAFFIC } from "../demo/traffic";
import { escapeLike } from "../text/like-pattern";

const HOUR = 3_600_000;

const EXTRA: Record<string, { address: string; reason: "manual" | "import"; detail: string; hoursAgo: number }[]> = {
  acme: [
    { address: "do-not-email@example.com", reason: "manual", detail: "Asked by phone to receive no more email (ticket 5521)", hoursAgo: 60 },
    { address: "complaint@example.net", reason: "import", detail: "Spam complaint at the previous provider", hoursAgo: 71 },
    { address: "closed.account@example.org", reason: "import", detail: "Hard bounce at the previous provider", hoursAgo: 71 },
  ],
};

export async function seedDemoSuppressions(db: Db, { workspaceId, slug, now = new Date() }: { workspaceId: string; slug: string; now?: Date }): Promise<void> {
  const [entries, touched] = await Promise.all([
    db.suppression.count({ where: { workspaceId } }),
    db.auditEvent.count({ where: { workspaceId, action: { startsWith: escapeLike("suppression.") } } }),
  ]);
  if (entries > 0 || touched > 0) return;
  const bounces = (DEMO_TRAFFIC[slug]?.messages ?? []).filter((m) => m.story === "bounced" && /^5\d\d 5\.1\.\d/.test(m.reply ?? ""));
  const rows = [];
  for (const m of bounces) {
    const address = m.to[0]!.toLowerCase();
    const message = await db.message.findFirst({ where: { workspaceId, status: "bounced", firstRecipient: address }, select: { id: true, createdAt: true }, orderBy: { createdAt: "desc" } });
    rows.push({ workspaceId, address, reason: "hard_bounce", detail: m.reply!, messageId: message?.id ?? null, createdAt: new Date((message?.createdAt ?? new Date(now.getTime() - m.hoursAgo * HOUR)).getTime() + 2_000) });
  }
  for (const e of EXTRA[slug] ?? []) rows.push({ workspaceId, address: e.address, reason: e.reason, detail: e.detail, messageId: null, createdAt: new Date(now.getTime() - e.hoursAgo * HOUR) });
  if (rows.length > 0) await db.suppression.createMany({ data: rows });
}
