// Holding back the busy event sources (messages, delivery attempts) while the relay's acceptor is
// busy. Their events cost the relay ~0.3 ms of CPU each (a signed POST and its delivery row), and
// even at nice 19 part of that lands on threads the acceptor shares (V8's GC helpers, the SQLite
// writer): at 64 connections the relay accepted 8–15 % fewer messages per second with an endpoint
// subscribed to every event. Mail first: while the acceptor is busy the events wait, at most
// `maxHoldMs`, then go out in a catch-up that the hold cannot interrupt; a relay that stays busy
// sends its events in bursts at least every `maxHoldMs`. Alerts and credential events (the quiet
// sources) are never held.

export type BusyHold = {
  /** Whether this pass leaves the busy sources for later. */
  holding(now: number): boolean;
  /** After a pass that did not hold: `more` = it read a full page, so a catch-up goes on. */
  passed(more: boolean): void;
};

/** `maxHoldMs` 0: never hold. `busy`: whether the acceptor is busy now (relay/acceptor-load.ts). */
export function createBusyHold(maxHoldMs: number, busy: () => boolean): BusyHold {
  let heldSince: number | null = null;
  let catchingUp = false;
  return {
    holding(now) {
      if (maxHoldMs <= 0 || catchingUp || !busy()) {
        heldSince = null;
        return false;
      }
      heldSince ??= now;
      if (now - heldSince < maxHoldMs) return true;
      heldSince = null;
      catchingUp = true;
      return false;
    },
    passed(more) {
      if (!more) catchingUp = false;
    },
  };
}
