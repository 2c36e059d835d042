// The PostgreSQL pools' sizes and lifetimes, shared by Prisma's pool (db.ts) and the driver's
// own reads (driver-reads.ts). pg closes a connection idle for 10 s; the next page then pays a
// new connection and a backend whose catalog caches are empty. Five minutes outlasts an admin's
// pause between pages.

/** How long an idle PostgreSQL connection stays in a pool. */
export const PG_IDLE_TIMEOUT_MS = 5 * 60_000;

/** Prisma's pool per process (the README's connection budget counts it). */
export const PG_POOL_MAX = 10;
