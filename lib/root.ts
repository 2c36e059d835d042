// The repository's root folder, for code that runs from the source tree (set-up, the stack,
// tests); never used by the portal's bundled code, where this path would be the build's.
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
