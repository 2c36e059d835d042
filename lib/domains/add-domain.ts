// Adding a domain (admin): pending, with a random ownership token and its first DKIM key pair.
// A domain verified by another workspace is refused: one workspace per verified domain.
import { randomBytes } from "node:crypto";
import type { Db } from "../db";
import type { Env } from "../env";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";
import { dkimSelector, newDkimKeyRow } from "./dkim-keys";
import { RETRY_BASE_MS } from "./check-state";

/** Each domain is a DKIM key pair to generate and a DNS check every few hours; webhooks have a cap too. */
export const MAX_DOMAINS_PER_WORKSPACE = 100;

export async function addDomain({
  db,
  env,
  workspaceId,
  name,
  actor,
  now = new Date(),
  maxDomains = MAX_DOMAINS_PER_WORKSPACE,
}: {
  db: Db;
  env: Pick<Env, "CREDENTIALS_KEYS">;
  workspaceId: string;
  /** Already normalised by ZDomainName. */
  name: string;
  actor: Actor;
  now?: Date;
  maxDomains?: number;
}): Promise<{ domainId: string; name: string }> {
  const full = async (count: () => Promise<number>) => {
    if ((await count()) >= maxDomains) throw new AppError("CONFLICT", `A workspace can have at most ${maxDomains} domains; remove one it no longer sends from first.`, "name");
  };
  // Before the key pair is generated (~0.1 s of CPU), and again inside the transaction.
  await full(() => db.domain.count({ where: { workspaceId } }));
  const id = `dom_${randomBytes(12).toString("hex")}`;
  const key = await newDkimKeyRow(id, dkimSelector(now), env.CREDENTIALS_KEYS);
  return db.$transaction(async (tx) => {
    await full(() => tx.domain.count({ where: { workspaceId } }));
    const existing = await tx.domain.findFirst({ where: { workspaceId, name }, select: { id: true } });
    if (existing) throw new AppError("CONFLICT", `${name} is already on this workspace's Domains page.`, "name");
    const elsewhere = await tx.domain.findFirst({ where: { name, status: "verified", NOT: { workspaceId } }, select: { id: true } });
    if (elsewhere)
      throw new AppError("CONFLICT", `${name} is verified by another workspace. A domain can belong to one workspace only; ask its admins to remove it first.`, "name");
    await tx.domain.create({
      data: {
        id,
        workspaceId,
        name,
        status: "pending",
        verificationToken: randomBytes(18).toString("base64url"),
        nextCheckAt: new Date(now.getTime() + RETRY_BASE_MS),
      },
    });
    await tx.dkimKey.create({ data: key });
    await recordAudit(tx, actor, { action: "domain.add", workspaceId, target: { type: "domain", id, label: name }, metadata: { dkimSelector: key.selector } });
    return { domainId: id, name };
  });
}
