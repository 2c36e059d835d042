// Ids for rows written in bulk (recipients, attempts, suppressed-recipient entries): time-ordered
// like cuids ("c" + time in base 36), then a per-process random prefix and a counter, so the
// primary key orders by time (the webhook tailer reads DeliveryAttempt by it).
import { randomBytes } from "node:crypto";

const ROW_PREFIX = randomBytes(4).toString("hex");
let rowCounter = 0;

/** A unique row id (time, process-random prefix, counter). */
export function newRowId(now: number = Date.now()): string {
  rowCounter = (rowCounter + 1) % 0x7fffffff;
  return `c${now.toString(36)}${ROW_PREFIX}${rowCounter.toString(36).padStart(6, "0")}`;
}
