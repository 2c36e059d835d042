// The group committer's own rules, against a store that records what it was asked to commit
// (the real stores are covered by store.integration.test.ts on both databases).
import { describe, expect, it } from "vitest";
import type { CommitOutcome, PreparedMessage } from "./batch";
import { createGroupCommitter } from "./committer";

const message = (id: string) => ({ id }) as unknown as PreparedMessage;

function recordingStore(answer: (batch: readonly PreparedMessage[]) => Promise<CommitOutcome[]> | CommitOutcome[]) {
  const batches: string[][] = [];
  let release: (() => void) | null = null;
  let hold: Promise<void> | null = null;
  return {
    batches,
    /** The next commit waits until `open()` is called. */
    pause() {
      hold = new Promise((resolve) => (release = resolve));
    },
    open: () => release?.(),
    async commitBatch(batch: readonly PreparedMessage[]) {
      batches.push(batch.map((m) => m.id));
      if (hold) {
        const h = hold;
        hold = null;
        await h;
      }
      return answer(batch);
    },
  };
}

describe("the group committer", () => {
  it("commits messages submitted in the same turn as one batch and answers each in order", async () => {
    const store = recordingStore((batch) => batch.map((m) => (m.id === "b" ? { ok: false as const, reply: { code: 452, text: "4.5.3 limit" } } : { ok: true as const })));
    const committer = createGroupCommitter(store);
    const outcomes = await Promise.all(["a", "b", "c"].map((id) => committer.submit(message(id))));
    expect(store.batches).toEqual([["a", "b", "c"]]);
    expect(outcomes).toEqual([{ ok: true }, { ok: false, reply: { code: 452, text: "4.5.3 limit" } }, { ok: true }]);
  });

  it("keeps one transaction at a time, gathering what arrives meanwhile into the next batch", async () => {
    const store = recordingStore((batch) => batch.map(() => ({ ok: true as const })));
    store.pause();
    const committer = createGroupCommitter(store);
    const first = committer.submit(message("a"));
    await new Promise((r) => setImmediate(r));
    const later = [committer.submit(message("b")), committer.submit(message("c"))];
    store.open();
    await Promise.all([first, ...later]);
    expect(store.batches).toEqual([["a"], ["b", "c"]]);
  });

  it("lets up to `concurrency` transactions run at once, the next batch gathering what arrived meanwhile", async () => {
    const store = recordingStore((batch) => batch.map(() => ({ ok: true as const })));
    store.pause();
    const committer = createGroupCommitter(store, { concurrency: 2 });
    const first = committer.submit(message("a"));
    await new Promise((r) => setImmediate(r));
    // The first transaction is still open; a second one starts anyway.
    const second = committer.submit(message("b"));
    await new Promise((r) => setImmediate(r));
    expect(store.batches).toEqual([["a"], ["b"]]);
    store.open();
    await Promise.all([first, second]);
    await committer.drain();
  });

  it("never puts more than maxBatch messages in one transaction", async () => {
    const store = recordingStore((batch) => batch.map(() => ({ ok: true as const })));
    const committer = createGroupCommitter(store, { maxBatch: 2 });
    await Promise.all(["a", "b", "c", "d", "e"].map((id) => committer.submit(message(id))));
    expect(store.batches).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  });

  it("answers every message of a failed transaction with 451 and the error, and goes on with the next", async () => {
    let failing = true;
    const failure = new Error("disk full");
    const store = recordingStore((batch) => {
      if (failing) throw failure;
      return batch.map(() => ({ ok: true as const }));
    });
    const committer = createGroupCommitter(store);
    const failed = await Promise.all(["a", "b", "c", "d"].map((id) => committer.submit(message(id))));
    for (const outcome of failed) expect(outcome).toMatchObject({ ok: false, reply: { code: 451 }, error: failure });
    // The batch, then its two halves: both failing too, the database is down and no more is tried.
    expect(store.batches).toEqual([
      ["a", "b", "c", "d"],
      ["a", "b"],
      ["c", "d"],
    ]);
    failing = false;
    expect(await committer.submit(message("e"))).toEqual({ ok: true });
  });

  it("commits the rest of a batch the database refused for one message's sake, and answers that one 451", async () => {
    const refused = new Error('invalid byte sequence for encoding "UTF8": 0x00');
    const store = recordingStore((batch) => {
      if (batch.some((m) => m.id === "nul")) throw refused;
      return batch.map(() => ({ ok: true as const }));
    });
    const committer = createGroupCommitter(store);
    const ids = ["a", "b", "nul", "c", "d", "e"];
    const outcomes = await Promise.all(ids.map((id) => committer.submit(message(id))));
    expect(outcomes.map((o, i) => `${ids[i]} ${o.ok ? 250 : o.reply.code}`)).toEqual(["a 250", "b 250", "nul 451", "c 250", "d 250", "e 250"]);
    expect(outcomes[2]).toMatchObject({ error: refused });
    // Halves down to the message at fault, not one commit per message.
    expect(store.batches).toEqual([["a", "b", "nul", "c", "d", "e"], ["a", "b", "nul"], ["c", "d", "e"], ["a", "b"], ["nul"]]);
  });

  it("treats a missing outcome as not stored", async () => {
    const store = recordingStore(() => []);
    const committer = createGroupCommitter(store);
    expect(await committer.submit(message("a"))).toMatchObject({ ok: false, reply: { code: 451 } });
  });

  it("reports each batch's size, and drain waits until nothing is waiting or committing", async () => {
    const sizes: number[] = [];
    const store = recordingStore((batch) => batch.map(() => ({ ok: true as const })));
    store.pause();
    const committer = createGroupCommitter(store, { onBatch: (size) => sizes.push(size) });
    await committer.drain();
    const pending = [committer.submit(message("a")), committer.submit(message("b"))];
    let drained = false;
    const drain = committer.drain().then(() => (drained = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(drained).toBe(false);
    store.open();
    await Promise.all([...pending, drain]);
    expect(drained).toBe(true);
    expect(sizes).toEqual([2]);
  });
});
