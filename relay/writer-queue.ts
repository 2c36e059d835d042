// The order in which the SQLite writer thread serves its calls: one at a time (a busy-retry of
// one never lets the next start), accepted-mail commits before everything else. Bookkeeping
// (delivery claims and outcomes, lastUsedAt) waits until no commit is queued, so a client
// waiting for its 250 waits at most for the one bookkeeping chunk already running, not for
// everything the delivery worker queued before it; the profile had that wait at 0.3 / 3.3 /
// 7.8 ms per commit at 1 / 16 / 64 connections. Bookkeeping is never starved: the group
// committer keeps one SQLite commit in flight, so at most one waits here and bookkeeping runs
// while the next batch gathers.
export type WriterQueue<C> = { push(call: C): void };

/**
 * `arrived` hands over calls that reached the thread while the last one ran (the worker reads
 * its port synchronously): without it they would only be seen after the next queued call.
 */
export function createWriterQueue<C>(isUrgent: (call: C) => boolean, serve: (call: C) => Promise<void>, arrived: () => C[] = () => []): WriterQueue<C> {
  const urgent: C[] = [];
  const background: C[] = [];
  let serving = false;

  const next = async () => {
    serving = true;
    for (;;) {
      for (const call of arrived()) (isUrgent(call) ? urgent : background).push(call);
      const call = urgent.shift() ?? background.shift();
      if (call === undefined) break;
      await serve(call);
    }
    serving = false;
  };

  return {
    push(call) {
      (isUrgent(call) ? urgent : background).push(call);
      if (!serving) void next();
    },
  };
}
