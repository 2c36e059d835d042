// Held messages are changed in batches, bounded so one click never runs unbounded work.
export const BATCH = 500;
export const MAX_BATCHES = 200;
