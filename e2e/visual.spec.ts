// Visual regression guard for the main pages at desktop and phone widths, above the fold (what
// lies below grows with other tests' data and DNS check results). Everything that moves
// with the clock or with other tests (times, counts, charts, log rows, ids) is masked; the
// layout, navigation, headers and primitives around them are compared. Globex is used because
// no other test changes its data. Never point this at a page with a revealed password.
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

const PAGES = [
  { name: "overview", path: "/w/globex/overview" },
  { name: "smtp-accounts", path: "/w/globex/smtp-accounts" },
  { name: "delivery-logs", path: "/w/globex/delivery-logs" },
  { name: "domains", path: "/w/globex/domains" },
];

const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

const dynamic = (page: Page) => [
  page.locator("time"),
  page.locator("[data-dynamic]"),
  page.locator("figure svg"),
  page.locator("figure details"),
  page.locator("table tbody"),
  page.locator("code, pre, .font-mono"),
];

test.describe("visual regression", () => {
  for (const size of WIDTHS) {
    test(`the main pages look as approved at ${size.width} px`, async ({ page }) => {
      test.setTimeout(120_000);
      await signIn(page, "admin@globex.test");
      await expect(page.getByRole("heading", { name: "SMTP Accounts" })).toBeVisible();
      await page.setViewportSize(size);
      for (const { name, path } of PAGES) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(page).toHaveScreenshot(`${name}-${size.width}.png`, { mask: dynamic(page), maxDiffPixelRatio: 0.02, animations: "disabled" });
      }
    });
  }
});
