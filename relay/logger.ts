// The relay's structured log (pino). Credentials never reach it: smtp-server's own protocol log
// is off, handlers log usernames and outcomes only, and these paths are redacted as a backstop.
import pino, { type Logger } from "pino";
import type { Env } from "../lib/env";

export function createRelayLogger(env: Pick<Env, "LOG_LEVEL">): Logger {
  return pino({
    level: env.LOG_LEVEL,
    base: { service: "relay" },
    redact: { paths: ["password", "*.password", "auth.password", "raw", "*.raw"], censor: "[redacted]" },
  });
}
