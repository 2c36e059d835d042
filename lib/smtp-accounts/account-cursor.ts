// Keyset cursor of the SMTP Accounts list: the last row's sort value and id, so a deep page
// reads 51 index entries from the @@index([workspaceId, <sort column>, id]) instead of skipping
// thousands. Opaque to the browser, parsed strictly.
import { z } from "zod";
import type { Prisma } from "../generated/sqlite/client";

export const ACCOUNT_SORTS = ["label", "username", "created", "lastUsed"] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];
export type SortDir = "asc" | "desc";

export const SORT_COLUMN = { label: "label", username: "username", created: "createdAt", lastUsed: "lastUsedAt" } as const;

/** The sort value is a string (label, username), an ISO time, or null (never used). */
export type AccountCursor = { value: string | null; id: string };

const ZCursor = z.object({ v: z.string().max(200).nullable(), i: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export function encodeAccountCursor(c: AccountCursor): string {
  return Buffer.from(JSON.stringify({ v: c.value, i: c.id }), "utf8").toString("base64url");
}

export function decodeAccountCursor(value: string | undefined): AccountCursor | undefined {
  if (!value) return undefined;
  try {
    const parsed = ZCursor.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? { value: parsed.data.v, id: parsed.data.i } : undefined;
  } catch {
    return undefined;
  }
}

/** The order: the sort column, never-used accounts last, then id in the same direction (one index walk). */
export function accountOrder(sort: AccountSort, dir: SortDir): Prisma.SmtpAccountOrderByWithRelationInput[] {
  const column = SORT_COLUMN[sort];
  return [column === "lastUsedAt" ? { lastUsedAt: { sort: dir, nulls: "last" } } : { [column]: dir }, { id: dir }];
}

/** Rows strictly after the cursor in accountOrder(sort, dir). */
export function afterAccount(sort: AccountSort, dir: SortDir, cursor: AccountCursor | undefined): Prisma.SmtpAccountWhereInput {
  if (!cursor) return {};
  const column = SORT_COLUMN[sort];
  const op = dir === "asc" ? "gt" : "lt";
  const isTime = column === "createdAt" || column === "lastUsedAt";
  if (cursor.value === null) return column === "lastUsedAt" ? { lastUsedAt: null, id: { [op]: cursor.id } } : { id: "" };
  const value = isTime ? new Date(cursor.value) : cursor.value;
  if (value instanceof Date && Number.isNaN(value.getTime())) return { id: "" };
  const after: Prisma.SmtpAccountWhereInput[] = [{ [column]: { [op]: value } }, { [column]: value, id: { [op]: cursor.id } }];
  if (column === "lastUsedAt") return { OR: [...after, { lastUsedAt: null }] };
  // The redundant bound lets PostgreSQL start the index walk at the cursor instead of filtering every earlier row.
  return { [column]: { [`${op}e`]: value }, OR: after };
}

export function cursorOf(sort: AccountSort, row: { id: string; label: string; username: string; createdAt: Date; lastUsedAt: Date | null }): AccountCursor {
  const v = { label: row.label, username: row.username, created: row.createdAt, lastUsed: row.lastUsedAt }[sort];
  return { value: v instanceof Date ? v.toISOString() : v, id: row.id };
}
