const dateTime = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZone: "UTC",
  hourCycle: "h23",
});

/** Times are shown in UTC everywhere in the logs (one zone for a shared investigation). */
export function formatTime(d: Date): string {
  return `${dateTime.format(d).replace(",", "")} UTC`;
}

/** The value a datetime-local input expects (UTC, minutes). */
export function toInputValue(d: Date | undefined): string {
  return d ? d.toISOString().slice(0, 16) : "";
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export const STATUS_STYLE: Record<string, string> = {
  queued: "bg-sky-50 text-sky-700",
  delivered: "bg-emerald-50 text-emerald-700",
  deferred: "bg-amber-50 text-amber-800",
  bounced: "bg-red-50 text-red-700",
  rejected: "bg-red-50 text-red-700",
  held: "bg-violet-50 text-violet-700",
  suppressed: "bg-slate-100 text-slate-700",
};
