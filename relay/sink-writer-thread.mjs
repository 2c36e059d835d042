// The demo sink's writer thread (relay/sink-writer.ts): writes a delivery pass's messages to
// DATA_DIR/sink/<messageId>.eml with synchronous calls, one message from the delivery worker per
// pass. Through fs/promises on the main thread, each message cost five round trips to libuv's
// thread pool (access, open, write, close, rename), each waking a pool thread and then the event
// loop. Plain JavaScript (no loader) so the thread costs little memory.
import fs from "node:fs";
import { parentPort } from "node:worker_threads";
import { nameThisThread } from "./thread-name.mjs";

nameThisThread("migo-sink");

/** @param {{ id: number; dir: string; entries: { file: string; raw: Uint8Array }[] }} call */
function write({ id, dir, entries }) {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const results = entries.map(({ file, raw }) => {
      const started = Date.now();
      // A file already there: this message was delivered before a crash (at-least-once).
      const duplicate = fs.existsSync(file);
      // Write then rename: a reader never sees half a message.
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, raw, { mode: 0o600 });
      fs.renameSync(tmp, file);
      return { duplicate, durationMs: Date.now() - started };
    });
    parentPort?.postMessage({ id, ok: true, results });
  } catch (error) {
    const e = /** @type {NodeJS.ErrnoException} */ (error);
    parentPort?.postMessage({ id, ok: false, message: e.message, code: e.code });
  }
}

parentPort?.on("message", write);
