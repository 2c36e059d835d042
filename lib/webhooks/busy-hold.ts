// Holding back the busy event sources (messages, delivery attempts) while the relay's main thread
// is busy. Their events cost the relay ~0.2–0.3 ms of CPU each (a signed POST and its delivery
// row), and even at nice 19 part of that lands on threads the acceptor shares (V8's GC helpers,
// the SQLite writer): at 64 connections the relay accepted 8–15 % fewer messages per second with
// an endpoint subscribed to every event. Mail first: while the main thread is busy, first tries
// of these events wait. The oldest held event waits at most `maxHoldMs`: the hold's clock starts
// with the first held pass and stops only once a pass has read everything (not when the load dips
// for a moment, which lets one page through). Then a catch-up runs that the hold cannot
// interrupt, until a pass reads less than a page; a relay that stays busy therefore sends its
// events at least every `maxHoldMs`, and without pause while it is behind. Alerts and credentials
// events (the quiet sources) and retries are never held.

export type BusyHold = {
  /** Whether this pass leaves the busy sources for later. */
  holding(now: number): boolean;
  /** After a pass that did not hold: `more` = it read a full page, so events are still waiting. */
  passed(more: boolean): void;
};

/** `maxHoldMs` 0: never hold. `busy`: whether the relay's main thread is busy now (relay/acceptor-load.ts). */
export function createBusyHold(maxHoldMs: number, busy: () => boolean): BusyHold {
  // When the first pass that held ran; null once a pass has read everything.
  let heldSince: number | null = null;
  let catchingUp = false;
  return {
    holding(now) {
      if (maxHoldMs <= 0 || catchingUp || !busy()) return false;
      heldSince ??= now;
      if (now - heldSince < maxHoldMs) return true;
      catchingUp = true;
      return false;
    },
    passed(more) {
      if (more) return;
      heldSince = null;
      catchingUp = false;
    },
  };
}
