// Boot file of the webhook thread: plain JavaScript that registers tsx's loader, then loads the
// TypeScript thread — so it starts the same under tsx and vitest (the bundle has its own entry).
import { register } from "tsx/esm/api";

register();
await import("./webhook-thread.ts");
