// The last owner can be neither removed nor demoted, so a workspace is never left without
// someone who can manage it. Checked inside the transaction that makes the change.
import type { Db } from "../db";
import { AppError } from "../errors/app-error";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export async function assertNotLastOwner(tx: Tx, workspaceId: string, membership: { role: string }) {
  if (membership.role !== "owner") return;
  const owners = await tx.membership.count({ where: { workspaceId, role: "owner" } });
  if (owners <= 1) throw new AppError("CONFLICT", "This is the workspace's last owner. Make another member owner first.");
}
