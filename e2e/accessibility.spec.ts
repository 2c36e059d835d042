// An accessibility tour: every page of the build (e2e/page-tour.ts, from its route manifest) as
// each role that may open it, at desktop and phone widths, and the public ones signed out.
// axe-core judges each page (serious and critical violations fail), and no page may scroll
// sideways on a phone. A role's pages it may not open show the not-found page, judged too.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ROLES } from "../lib/auth/roles";
import { expect, signIn, test } from "./fixtures";
import { type Stop, tour, tourStops } from "./page-tour";
import { openRowMenu } from "./row-menu";

const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function judge(page: Page, stop: Stop, width: number) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Soft: one run reports every page's violations, not only the first.
  expect.soft(await seriousViolations(page), `${stop.path} at ${width} px`).toEqual([]);
  if (width < 400) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const widest = overflow > 0 ? await page.evaluate(() => [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > window.innerWidth && !e.parentElement?.closest('[role="region"]')).map((e) => e.tagName + "." + e.className).slice(-3)) : [];
    expect.soft(overflow, `${stop.path} scrolls sideways at ${width} px: ${widest.join(" | ")}`).toBeLessThanOrEqual(0);
  }
}

test("every public page passes axe and never scrolls sideways when signed out, at 1280 and 390 px", async ({ page }) => {
  const stops = tourStops("acme");
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await tour(page, stops.filter((s) => !s.inWorkspace), stops, (stop) => judge(page, stop, size.width));
  }
});

for (const role of [...ROLES].reverse()) {
  test(`every page passes axe and never scrolls sideways for a ${role}, at 1280 and 390 px`, async ({ page }) => {
    test.setTimeout(300_000);
    await signIn(page, `${role}@acme.test`);
    await expect(page.getByRole("heading", { name: "SMTP Accounts" })).toBeVisible();
    const stops = tourStops("acme");
    // Signed in, the public pages too: the not-found page shows only to a signed-in visitor.
    const open = stops.filter((s) => !s.inWorkspace || s.openTo(role));
    const closed = stops.filter((s) => s.inWorkspace && !s.openTo(role));
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      await tour(page, open, stops, (stop) => judge(page, stop, size.width));
      await tour(page, closed, stops, async (stop) => {
        await expect(page.getByRole("heading", { level: 1, name: "Not found" }), `${stop.path} is not for a ${role}`).toBeVisible();
        await judge(page, stop, size.width);
      });
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
