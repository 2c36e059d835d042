import { afterEach, describe, expect, it } from "vitest";
import { acceptorBusy, startAcceptorLoad, type AcceptorLoad } from "./acceptor-load";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Keeps this thread's event loop working for `ms`, in slices so the gauge's timer still fires between them. */
async function work(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const slice = Date.now() + 50;
    while (Date.now() < slice);
    await new Promise((r) => setImmediate(r));
  }
}

describe("the acceptor's load gauge", () => {
  let load: AcceptorLoad | undefined;
  afterEach(() => load?.stop());

  it("reads busy while the event loop works and not busy once it idles, from the shared buffer", async () => {
    load = startAcceptorLoad();
    const busy = acceptorBusy(load.buffer);
    expect(busy()).toBe(false);
    await work(1200);
    expect(busy()).toBe(true);
    await sleep(1200);
    expect(busy()).toBe(false);
  });
});
