// Delivery-log filters as they live in the URL: every parameter optional, bounded, and a bad
// value is dropped (the page still renders) rather than trusted. Shared by the page, the CSV
// export and the compromise review.
import { z } from "zod";
import { parseDate } from "../time/parse-date";

export const MESSAGE_STATUSES = ["queued", "delivered", "deferred", "bounced", "rejected", "held", "suppressed"] as const;
export const TIME_PRESETS = { "1h": 3600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
export type TimePreset = keyof typeof TIME_PRESETS;

/** Accepts full ISO 8601 or the `YYYY-MM-DDTHH:mm` of a datetime-local input (read as UTC). */
export const ZDateParam = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const text = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v) ? `${v}Z` : v;
    const d = parseDate(text);
    if (!d || d.getUTCFullYear() < 2000 || d.getUTCFullYear() > 2200) {
      ctx.addIssue({ code: "custom", message: "not a date" });
      return z.NEVER;
    }
    return d;
  });

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** A URL parameter: a bad value is dropped (the filter is ignored), never an error page. */
export const opt = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** The time window and keyset cursor every log filter takes (delivery log, login events, audit log). */
export const TIME_WINDOW_PARAMS = {
  preset: opt(z.enum(Object.keys(TIME_PRESETS) as [TimePreset, ...TimePreset[]])),
  from: opt(ZDateParam),
  to: opt(ZDateParam),
  // A page drops a cursor it cannot read (the API answers 422: lib/api/handler.ts).
  cursor: opt(z.string().max(200).refine((v) => decodeCursor(v) !== undefined, "not a cursor this list gave; pass nextCursor back as it is")),
};
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? undefined : v));

/** A recipient filter: an exact address, or a whole domain (`example.com` or `@example.com`). */
export type RecipientFilter = { address: string } | { domain: string };

export function parseRecipientFilter(value: string): RecipientFilter | undefined {
  const v = value.trim().toLowerCase();
  if (v === "" || v.length > 320 || /\s/.test(v)) return undefined;
  if (v.startsWith("@")) return v.length > 1 ? { domain: v.slice(1) } : undefined;
  return v.includes("@") ? { address: v } : { domain: v };
}

export const ZDeliveryLogQuery = z.object({
  account: opt(id),
  status: opt(z.enum(MESSAGE_STATUSES)),
  ...TIME_WINDOW_PARAMS,
  rcpt: opt(text(320)),
  sender: opt(text(320)),
  ip: opt(text(64)),
  /** Compromise review mode: flags and summary for `account` over from..to. */
  review: opt(z.enum(["1"])),
  flagged: opt(z.enum(["1"])),
});

export type TDeliveryLogQuery = z.infer<typeof ZDeliveryLogQuery>;

/** First value of each parameter (Next.js gives arrays for repeated ones). */
export function firstValues(raw: Record<string, string | string[] | undefined> | URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = raw instanceof URLSearchParams ? [...raw.entries()] : Object.entries(raw);
  for (const [k, v] of entries) {
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === "string" && !(k in out)) out[k] = value;
  }
  return out;
}

export function parseDeliveryLogQuery(raw: Record<string, string | string[] | undefined> | URLSearchParams): TDeliveryLogQuery {
  return ZDeliveryLogQuery.parse(firstValues(raw));
}

/** The effective time window: a preset counts back from now; explicit from/to win over it. */
export function timeWindow(query: Pick<TDeliveryLogQuery, "preset" | "from" | "to">, now = new Date()): { from?: Date; to?: Date } {
  const from = query.from ?? (query.preset ? new Date(now.getTime() - TIME_PRESETS[query.preset]) : undefined);
  return { from, to: query.to };
}

/** URL parameters for a query (without the cursor unless given), for links and the CSV export. */
export function queryToParams(query: Partial<TDeliveryLogQuery>, over: Partial<Record<keyof TDeliveryLogQuery, string | undefined>> = {}): URLSearchParams {
  const params = new URLSearchParams();
  const put = (k: keyof TDeliveryLogQuery, v: unknown) => {
    if (v instanceof Date) params.set(k, v.toISOString());
    else if (typeof v === "string" && v !== "") params.set(k, v);
  };
  for (const k of ["account", "status", "preset", "from", "to", "rcpt", "sender", "ip", "review", "flagged"] as const) put(k, k in over ? over[k] : query[k]);
  if (over.cursor) params.set("cursor", over.cursor);
  return params;
}

/** Keyset cursor over (createdAt, id), newest first. Opaque to the browser, parsed strictly. */
export type Cursor = { createdAt: Date; id: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: string | undefined): Cursor | undefined {
  if (!value) return undefined;
  const text = Buffer.from(value, "base64url").toString("utf8");
  const m = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|([A-Za-z0-9_-]{1,64})$/.exec(text);
  if (!m) return undefined;
  const createdAt = new Date(m[1]!);
  return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt, id: m[2]! };
}

/**
 * `where` fragment for rows strictly after the cursor in (createdAt desc, id desc) order. The
 * redundant `createdAt <= cursor` bounds the index range; with the OR alone PostgreSQL filters
 * every newer row again, so page n would cost n pages.
 */
export function afterCursor(cursor: Cursor | undefined, idField: "id" | "messageId" = "id") {
  if (!cursor) return {};
  return { createdAt: { lte: cursor.createdAt }, OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, [idField]: { lt: cursor.id } }] };
}
