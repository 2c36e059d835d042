// Boot file of the SQLite writer thread: plain JavaScript that registers tsx's loader, then
// loads the TypeScript worker — so the thread starts the same under tsx, node and vitest.
import { register } from "tsx/esm/api";

register();
await import("./store-sqlite-worker.ts");
