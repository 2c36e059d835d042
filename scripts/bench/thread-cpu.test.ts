import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../lib/root";
import { threadCpu } from "./thread-cpu";

describe.runIf(os.platform() === "linux")("threadCpu", () => {
  it("counts a thread that named itself migo-… under its name, and the process's main thread as main", async () => {
    // The thread names itself with the relay's own helper, then spins for 200 ms of CPU.
    const helper = pathToFileURL(path.join(ROOT, "relay", "thread-name.mjs")).href;
    const worker = new Worker(
      `import(${JSON.stringify(helper)}).then(({ nameThisThread }) => {
         nameThisThread("migo-test");
         const end = Date.now() + 200; while (Date.now() < end) {}
         require("node:worker_threads").parentPort.postMessage("spun");
         setInterval(() => {}, 1000);
       });`,
      { eval: true },
    );
    await new Promise((resolve) => worker.once("message", resolve));
    try {
      const byKind = threadCpu([process.pid]);
      expect(byKind.get("migo-test")).toBeGreaterThan(0.05);
      expect(byKind.has("main")).toBe(true);
      expect([...byKind.keys()].every((kind) => kind === "main" || kind.startsWith("migo-") || /^nice -?\d+$/.test(kind))).toBe(true);
    } finally {
      await worker.terminate();
    }
  });
});
