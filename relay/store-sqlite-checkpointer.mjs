// The SQLite checkpointer thread: copies the WAL back into the database file off the commit
// path. With SQLite's automatic checkpoint, the commit that crosses 1000 WAL pages writes them
// all back and fsyncs the database file before its client hears 250 — the relay's profile
// showed that as most of the commit's "sync" time. The writer turns it off
// (wal_autocheckpoint = 0) and this thread runs PASSIVE checkpoints, which never block the
// writer or readers. Plain JavaScript (no loader) so the thread costs little memory.
import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";
import { nameThisThread } from "./thread-name.mjs";

nameThisThread("migo-checkpoint");

const { file, intervalMs } = /** @type {{ file: string; intervalMs: number }} */ (workerData);
const db = new Database(file, { fileMustExist: true, timeout: 1000 });
db.pragma("synchronous = FULL");

const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Busy or closing: the next round tries again.
  }
}, intervalMs);

parentPort?.on("message", (message) => {
  if (message === "stop") {
    clearInterval(timer);
    db.close();
    parentPort?.close();
  }
});
