// Reading the credentials panel as a person does: the value shown beside a label (a <dl> of
// the help article's six labels). One place for the selector every spec uses.
import type { Locator, Page } from "@playwright/test";
import { expect } from "./fixtures";

/**
 * Opens the credentials panel from the eye icon of the account labelled `label`. A click that
 * lands before the table has hydrated follows the icon's link to `?reveal=<id>`, where the
 * panel asks for the Reveal click; a hydrated one reveals at once.
 */
export async function openCredentialsPanel(page: Page, label: string): Promise<Locator> {
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });
  const dialog = page.getByRole("dialog");
  await expect(async () => {
    // Once the link was followed, wait for that page to hydrate rather than load it again.
    if (!(await dialog.isVisible()) && !page.url().includes("?reveal=")) await row.getByRole("link", { name: "View Credentials" }).click();
    const reveal = dialog.getByRole("button", { name: "Reveal", exact: true });
    if (await reveal.isVisible()) await reveal.click();
    await expect(dialog.getByText("SMTP Password", { exact: true })).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 45_000 });
  return dialog;
}

/** The value cell of `label` in the credentials dialog (its first line: help text may follow). */
export function credentialValue(dialog: Locator, label: string): Locator {
  return dialog.locator(`dt:text-is("${label}") + dd`).locator("span").first();
}

export async function readCredential(dialog: Locator, label: string): Promise<string> {
  return (await credentialValue(dialog, label).innerText()).split("\n")[0]!.trim();
}
