// Creating an SMTP account through the form, as an admin does (the page must be the accounts list).
import type { Page } from "@playwright/test";

export async function submitCreateAccount(page: Page, label: string, from: string) {
  await page.getByRole("link", { name: "Create account" }).click();
  const form = page.getByRole("form", { name: "Create SMTP account" });
  await form.getByLabel("Label").fill(label);
  await form.getByLabel("From address").fill(from);
  await form.getByRole("button", { name: "Create", exact: true }).click();
}
