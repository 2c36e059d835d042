// Opening an account's row menu as a person does. A click that lands before the page has
// hydrated does nothing, so click until the menu shows (a person would click again too).
import type { Locator, Page } from "@playwright/test";
import { expect } from "./fixtures";

export async function openRowMenu(page: Page, button: Locator): Promise<Locator> {
  const name = (await button.getAttribute("aria-label")) ?? (await button.innerText());
  const menu = page.getByRole("menu", { name });
  await expect(async () => {
    if (!(await menu.isVisible())) await button.click();
    await expect(menu).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  return menu;
}
