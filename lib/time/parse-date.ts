// ISO 8601 as forms and scripts send it: a day, or a day and a time (seconds, a fraction and a
// zone optional). `new Date` also reads "feb 30 2027" (as 2 March), "2/3/2027" (US order) and
// "2027" (1 January), which no one meant to send.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * The instant `text` names, or null when it names none: not ISO 8601, unparsable, or a day its
 * month lacks ("2026-02-30", which `new Date` quietly reads as 2 March).
 */
export function parseDate(text: string): Date | null {
  const day = ISO.exec(text);
  if (!day) return null;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return null;
  const [year, month, dayOfMonth] = [Number(day[1]), Number(day[2]), Number(day[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth) return null;
  return date;
}
