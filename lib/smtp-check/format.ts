// The plain-text transcript, shared by `npm run smtp:check` and the portal's copy button, so a
// developer in the browser and a user on a shell read the same thing.
import type { CheckResult, Step } from "./types";

const MODE = { starttls: "STARTTLS", implicit: "SSL/TLS" } as const;

export function firstFailure(result: CheckResult): Step | undefined {
  return result.steps.find((s) => !s.ok);
}

export function formatTranscript(result: CheckResult): string {
  const t = result.target;
  const host = t.servername && t.servername !== t.host ? `${t.servername} (${t.host})` : t.host;
  const lines = [`SMTP check: ${host}:${t.port} (${MODE[t.tls]}) as ${t.username}${t.from ? `, From ${t.from}` : ""}`];
  const width = Math.max(...result.steps.map((s) => s.name.length), 4);
  for (const step of result.steps) {
    const mark = step.skipped ? "skip" : step.ok ? " ok " : "FAIL";
    const ms = `${step.durationMs} ms`.padStart(8);
    lines.push(`  [${mark}] ${step.name.padEnd(width)} ${ms}  ${step.detail}`);
    if (step.reply && !step.detail.includes(step.reply)) lines.push(`         ${" ".repeat(width)}           server: ${step.reply}`);
    if (step.failure) lines.push(`         ${" ".repeat(width)}           → ${step.failure.explanation} — ${step.failure.action}`);
  }
  const failed = firstFailure(result);
  lines.push(
    failed
      ? `Result: FAILED at ${failed.name}${failed.failure ? ` — ${failed.failure.explanation} — ${failed.failure.action}` : ""}`
      : `Result: Connection OK (${result.durationMs} ms; no message was sent)`,
  );
  return lines.join("\n");
}
