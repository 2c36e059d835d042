// The delivery log filtered by a recipient (address or domain), in two steps. Asking Message for
// "some recipient matches" makes the database walk messages newest first and probe
// MessageRecipient once per message (~50 probes a row for a 2% domain), or, for a rare domain,
// read that domain's whole history and sort it. Instead: walk the covering index
// MessageRecipient(workspaceId, domain|address, createdAt, messageId) in page order — with the
// other filters as a join to each message by primary key, so they apply before the limit — then
// read the page's messages by id. This relies on a recipient's createdAt being its message's:
// the column has no default and every writer copies the message's (relay/store-prisma.ts).
import type { Db } from "../db";
import type { Prisma } from "../generated/sqlite/client";
import { afterCursor, type Cursor, type RecipientFilter } from "./filters";

export type RecipientPageInput = {
  db: Db;
  workspaceId: string;
  recipient: RecipientFilter;
  window: { from?: Date; to?: Date };
  /** Every other condition on the message (account, status, sender, IP, review flags). */
  message: Prisma.MessageWhereInput | null;
  cursor: Cursor | undefined;
  take: number;
};

/** Message ids of one page, newest first, and whether more follow. */
export async function recipientPageIds({ db, workspaceId, recipient, window, message, cursor, take }: RecipientPageInput): Promise<{ ids: string[]; more: boolean }> {
  const ids: string[] = [];
  let after = cursor;
  // A message with several matching recipients yields adjacent duplicates; read on until the
  // page (plus one, to know whether more follow) has distinct messages or the index ends.
  for (;;) {
    const want = take + 1 - ids.length;
    const rows = await db.messageRecipient.findMany({
      where: {
        AND: [
          { workspaceId, ...recipient },
          window.from || window.to ? { createdAt: { ...(window.from ? { gte: window.from } : {}), ...(window.to ? { lte: window.to } : {}) } } : {},
          afterCursor(after, "messageId"),
          message ? { message: { is: message } } : {},
        ],
      },
      orderBy: [{ createdAt: "desc" }, { messageId: "desc" }],
      select: { createdAt: true, messageId: true },
      take: want,
    });
    for (const r of rows) if (ids.at(-1) !== r.messageId) ids.push(r.messageId);
    const last = rows.at(-1);
    if (rows.length < want || ids.length > take || !last) break;
    after = { createdAt: last.createdAt, id: last.messageId };
  }
  const more = ids.length > take;
  return { ids: more ? ids.slice(0, take) : ids, more };
}
