// Rotate an endpoint's signing secret: the new one is returned once and signs every request from
// now on (retries of older events included). Audited.
import type { Db } from "../db";
import type { Env } from "../env";
import { recordAudit } from "../audit/record";
import { AppError } from "../errors/app-error";
import type { Actor } from "../smtp-accounts/actor";
import { encryptEndpointSecret, generateEndpointSecret } from "./endpoint-secret";

export async function rotateEndpointSecret({
  db,
  env,
  workspaceId,
  endpointId,
  actor,
}: {
  db: Db;
  env: Pick<Env, "CREDENTIALS_KEYS">;
  workspaceId: string;
  endpointId: string;
  actor: Actor;
}): Promise<{ secret: string }> {
  const secret = generateEndpointSecret();
  await db.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id: endpointId, workspaceId }, data: { secretCiphertext: encryptEndpointSecret(secret, endpointId, env.CREDENTIALS_KEYS) } });
    if (count === 0) throw new AppError("NOT_FOUND", "This webhook endpoint does not exist in this workspace.");
    await recordAudit(tx, actor, { action: "webhook.rotate_secret", workspaceId, target: { type: "webhook_endpoint", id: endpointId } });
  });
  return { secret };
}
