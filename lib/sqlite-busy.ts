// A synchronous better-sqlite3 write, retried asynchronously while another connection holds the
// write lock. Connections that write this way keep SQLite's own busy timeout short, so a wait
// for the lock never blocks their event loop (another writer on the same thread — Prisma — can
// then finish); the retries back off from 2 to 50 ms until `deadlineMs` has passed.
export async function retryWhileBusy<T>(work: () => T, deadlineMs: number): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    try {
      return work();
    } catch (error) {
      if (!((error as { code?: string }).code ?? "").startsWith("SQLITE_BUSY") || Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
