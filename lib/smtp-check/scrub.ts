// The last line of defence for the transcript: whatever a step recorded (replies, error codes,
// details), every form in which the password travels on the wire is replaced before the
// result leaves the checker — the password itself, its base64 (AUTH LOGIN), and the base64
// of the AUTH PLAIN message with and without an authorisation identity.
import type { CheckResult } from "./types";

export const REDACTED = "[secret]";

export function secretForms(username: string, password: string): string[] {
  if (!password) return [];
  const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
  const forms = [
    password,
    b64(password),
    b64(`\0${username}\0${password}`),
    b64(`${username}\0${username}\0${password}`),
    encodeURIComponent(password),
  ];
  // Longest first, so a form containing another is replaced whole.
  return [...new Set(forms)].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
}

export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

function scrubValue<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === "string") return scrubText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, secrets)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, secrets);
    return out as T;
  }
  return value;
}

export function scrubResult(result: CheckResult, secrets: readonly string[]): CheckResult {
  return scrubValue(result, secrets);
}
