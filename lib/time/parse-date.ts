/**
 * The instant `text` names, or null when it names none: unparsable, or a day its month lacks
 * ("2026-02-30", which `new Date` quietly reads as 2 March).
 */
export function parseDate(text: string): Date | null {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return null;
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (day) {
    const [year, month, dayOfMonth] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth) return null;
  }
  return date;
}
