// One-line, human-readable logs filtered by LOG_LEVEL: the IdP is a demo stand-in whose output
// is read in a terminal next to the portal's. Never pass secrets (passwords, codes, tokens) here.
import type { Env } from "../lib/env";

const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity } as const;

export type Logger = Record<"debug" | "info" | "warn" | "error", (message: string) => void>;

export function createLogger(level: Env["LOG_LEVEL"]): Logger {
  const threshold = LEVELS[level];
  const at =
    (name: keyof typeof LEVELS, write: (line: string) => void) =>
    (message: string): void => {
      if (LEVELS[name] >= threshold) write(`${message}\n`);
    };
  return {
    debug: at("debug", (l) => process.stdout.write(l)),
    info: at("info", (l) => process.stdout.write(l)),
    warn: at("warn", (l) => process.stderr.write(l)),
    error: at("error", (l) => process.stderr.write(l)),
  };
}
