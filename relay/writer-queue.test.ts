import { describe, expect, it } from "vitest";
import { createWriterQueue } from "./writer-queue";

type Call = { name: string; urgent: boolean };

function recorder() {
  const started: string[] = [];
  let running = 0;
  let overlapped = false;
  const gates = new Map<string, () => void>();
  const serve = async (call: Call) => {
    started.push(call.name);
    running++;
    if (running > 1) overlapped = true;
    await new Promise<void>((resolve) => gates.set(call.name, resolve));
    running--;
  };
  const finish = async (name: string) => {
    await expect.poll(() => gates.has(name)).toBe(true);
    gates.get(name)!();
    gates.delete(name);
  };
  return { started, serve, finish, overlapped: () => overlapped };
}

describe("the SQLite writer queue", () => {
  it("serves a commit queued behind bookkeeping before that bookkeeping, one call at a time", async () => {
    const r = recorder();
    const queue = createWriterQueue<Call>((c) => c.urgent, r.serve);
    queue.push({ name: "claim-1", urgent: false });
    queue.push({ name: "record-1", urgent: false });
    queue.push({ name: "commit-1", urgent: true });
    queue.push({ name: "commit-2", urgent: true });
    await r.finish("claim-1");
    await r.finish("commit-1");
    await r.finish("commit-2");
    await r.finish("record-1");
    expect(r.started).toEqual(["claim-1", "commit-1", "commit-2", "record-1"]);
    expect(r.overlapped()).toBe(false);
  });

  it("keeps the arrival order within bookkeeping and within commits", async () => {
    const r = recorder();
    const queue = createWriterQueue<Call>((c) => c.urgent, r.serve);
    queue.push({ name: "a", urgent: false });
    queue.push({ name: "b", urgent: false });
    queue.push({ name: "c", urgent: false });
    for (const name of ["a", "b", "c"]) await r.finish(name);
    queue.push({ name: "x", urgent: true });
    queue.push({ name: "y", urgent: true });
    for (const name of ["x", "y"]) await r.finish(name);
    expect(r.started).toEqual(["a", "b", "c", "x", "y"]);
  });

  it("sees calls that arrived while the last one ran before it picks the next", async () => {
    const r = recorder();
    const inbox: Call[] = [];
    const queue = createWriterQueue<Call>((c) => c.urgent, r.serve, () => inbox.splice(0));
    queue.push({ name: "claim-1", urgent: false });
    queue.push({ name: "claim-2", urgent: false });
    inbox.push({ name: "commit-1", urgent: true });
    await r.finish("claim-1");
    await r.finish("commit-1");
    await r.finish("claim-2");
    expect(r.started).toEqual(["claim-1", "commit-1", "claim-2"]);
  });
});
