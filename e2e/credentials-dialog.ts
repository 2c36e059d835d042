// Reading the credentials panel as a person does: the value shown beside a label (a <dl> of
// the help article's six labels). One place for the selector every spec uses.
import type { Locator } from "@playwright/test";

/** The value cell of `label` in the credentials dialog (its first line: help text may follow). */
export function credentialValue(dialog: Locator, label: string): Locator {
  return dialog.locator(`dt:text-is("${label}") + dd`).locator("span").first();
}

export async function readCredential(dialog: Locator, label: string): Promise<string> {
  return (await credentialValue(dialog, label).innerText()).split("\n")[0]!.trim();
}
