// An accessibility tour: every page as each role, at desktop and phone widths. axe-core judges
// each page (serious and critical violations fail), and no page may scroll sideways on a phone.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { openRowMenu } from "./row-menu";

const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

const ROLES = [
  { email: "owner@acme.test", role: "owner", extra: ["/w/acme/audit-log", "/w/acme/members"] },
  { email: "admin@acme.test", role: "admin", extra: ["/w/acme/audit-log"] },
  { email: "developer@acme.test", role: "developer", extra: [] },
  { email: "viewer@acme.test", role: "viewer", extra: [] },
];

const COMMON = ["/w/acme/overview", "/w/acme/smtp-accounts", "/w/acme/delivery-logs", "/w/acme/domains"];

async function pagesFor(page: Page, extra: string[]): Promise<string[]> {
  await page.goto("/w/acme/smtp-accounts");
  const account = await page.getByRole("rowheader").first().getByRole("link").getAttribute("href");
  await page.goto("/w/acme/delivery-logs");
  const message = await page.getByRole("table", { name: /Messages/ }).getByRole("link").first().getAttribute("href");
  return [...COMMON, ...extra, account!, message!];
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const { email, role, extra } of ROLES) {
  test(`every page passes axe and never scrolls sideways for a ${role}, at 1280 and 390 px`, async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, email);
    await expect(page.getByRole("heading", { name: "SMTP Accounts" })).toBeVisible();
    const paths = await pagesFor(page, extra);
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      for (const path of paths) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        expect(await seriousViolations(page), `${path} at ${size.width} px`).toEqual([]);
        if (size.width < 400) {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          const widest = overflow > 0 ? await page.evaluate(() => [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > window.innerWidth && !e.parentElement?.closest('[role="region"]')).map((e) => e.tagName + "." + e.className).slice(-3)) : [];
          expect(overflow, `${path} scrolls sideways at ${size.width} px: ${widest.join(" | ")}`).toBeLessThanOrEqual(0);
        }
      }
    }
  });
}

test("a dialog keeps focus inside itself while open and gives it back to its opener", async ({ page }) => {
  await signIn(page, "developer@acme.test");
  const opener = page.getByRole("button", { name: "Actions for Transactional mail" });
  await (await openRowMenu(page, opener)).getByRole("menuitem", { name: "Test connection" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(opener).toBeFocused();
});
