// Create webhook endpoint: the URL passes the SSRF guard, the secret is generated, stored
// encrypted, and returned once. Audited in the same transaction.
import type { Db } from "../db";
import type { Env } from "../env";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";
import { encryptEndpointSecret, generateEndpointSecret, newEndpointId } from "./endpoint-secret";
import { MAX_ENDPOINTS_PER_WORKSPACE, type TEndpointInput, ZEndpointInput } from "./endpoint-input";
import { WEBHOOK_EVENT_TYPES } from "./events";
import { checkWebhookUrl, type ResolveHost } from "./url-guard";

export type CreatedEndpoint = { id: string; url: string; secret: string };

export async function createWebhookEndpoint({
  db,
  env,
  workspaceId,
  input,
  actor,
  resolve,
}: {
  db: Db;
  env: Pick<Env, "CREDENTIALS_KEYS" | "WEBHOOK_ALLOW_PRIVATE">;
  workspaceId: string;
  input: TEndpointInput;
  actor: Actor;
  resolve?: ResolveHost;
}): Promise<CreatedEndpoint> {
  const { url: rawUrl, description, eventTypes, finalStateOnly } = ZEndpointInput.parse(input);
  const url = (await checkWebhookUrl(rawUrl, { allowPrivate: env.WEBHOOK_ALLOW_PRIVATE, resolve })).href;
  const id = newEndpointId();
  const secret = generateEndpointSecret();
  const types = WEBHOOK_EVENT_TYPES.filter((t) => eventTypes.includes(t));
  await db.$transaction(async (tx) => {
    if ((await tx.webhookEndpoint.count({ where: { workspaceId } })) >= MAX_ENDPOINTS_PER_WORKSPACE)
      throw new AppError("CONFLICT", `A workspace can have at most ${MAX_ENDPOINTS_PER_WORKSPACE} webhook endpoints; delete one first.`);
    await tx.webhookEndpoint.create({
      data: { id, workspaceId, url, description: description || null, eventTypes: types.join(" "), finalStateOnly, secretCiphertext: encryptEndpointSecret(secret, id, env.CREDENTIALS_KEYS), createdById: actor.id },
      select: { id: true },
    });
    await recordAudit(tx, actor, { action: "webhook.create", workspaceId, target: { type: "webhook_endpoint", id, label: url }, metadata: { url, eventTypes: types, finalStateOnly } });
  });
  return { id, url, secret };
}
