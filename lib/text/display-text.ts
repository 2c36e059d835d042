// Names and notes people type for others to read (account labels, token labels, descriptions,
// notes): one line of text that shows. Refused: control characters (line breaks, tabs, terminal
// escape codes), the bidirectional overrides and isolates that reorder what follows
// ("\u202Eexe.live" reads as "evil.exe", the Trojan Source trick), and text with nothing visible
// (zero-width characters only, which left a blank row in SMTP Accounts).
import { z } from "zod";
import { LONE_SURROGATE } from "./storable-text";

const CONTROL_OR_REORDERING = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const VISIBLE = /[^\p{White_Space}\p{Cf}\p{Z}]/u;

/** What is wrong with `text` as a name or note, or null. */
export function displayTextIssue(text: string): string | null {
  if (CONTROL_OR_REORDERING.test(text)) return "must be one line of plain text: no line breaks, tabs, control codes or direction overrides";
  if (LONE_SURROGATE.test(text)) return "has a broken character (half of a UTF-16 pair); type or paste it again";
  if (text !== "" && !VISIBLE.test(text)) return "needs at least one visible character";
  return null;
}

/** A trimmed one-line name or note of at most `max` characters; `required` names it in the empty-field message. */
export function zDisplayText(noun: string, max: number, { required = true }: { required?: boolean } = {}) {
  const text = z.string().trim();
  return (required ? text.min(1, `Enter a ${noun}`) : text)
    .max(max, `Keep the ${noun} under ${max.toLocaleString("en-US")} characters`)
    .superRefine((value, ctx) => {
      const issue = displayTextIssue(value);
      if (issue) ctx.addIssue({ code: "custom", message: `The ${noun} ${issue}` });
    });
}

/** Text from a file, kept rather than refused: each control character or direction override becomes a space. */
export function withoutControls(text: string): string {
  return text.replace(new RegExp(CONTROL_OR_REORDERING.source, "g"), " ");
}
