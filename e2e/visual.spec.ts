// Visual regression guard: every page of the build (e2e/page-tour.ts, from its route manifest)
// at desktop and phone widths, above the fold. A new page without an approved screenshot fails
// here. Everything that moves with the clock or with other tests (times, counts, charts, list
// rows, ids) is masked, and each list keeps only its first row, since other tests add rows
// (the audit log's sign-ins); the layout, navigation, headers and primitives around them are
// compared. Globex is used because no other test changes its data; its admin is made owner for
// the run (and put back) so that the owner's pages are toured too. Never point this at a page
// with a revealed password.
import type { Page } from "@playwright/test";
import { setRole } from "./db";
import { expect, signIn, test } from "./fixtures";
import { staleTourEntries, type Stop, tour, tourStops } from "./page-tour";

const WORKSPACE = "globex";
const MEMBER = "admin@globex.test";

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

async function looksAsApproved(page: Page, stop: Stop, width: number) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Through the CSSOM (the nonce-only CSP allows it, unlike a style element).
  await page.locator("tbody tr:not(:first-child)").evaluateAll((rows) => rows.forEach((r) => ((r as HTMLElement).style.display = "none")));
  await expect(page).toHaveScreenshot(`${stop.name}-${width}.png`, { mask: dynamic(page), maxDiffPixelRatio: 0.02, animations: "disabled" });
}

test("the visual tour knows every page of the build and names none it lacks", () => {
  expect(staleTourEntries()).toEqual([]);
  const stops = tourStops(WORKSPACE);
  expect(new Set(stops.map((s) => s.name)).size, "screenshot names are unique").toBe(stops.length);
});

for (const size of WIDTHS) {
  test(`every page looks as approved at ${size.width} px`, async ({ page }) => {
    test.setTimeout(180_000);
    const stops = tourStops(WORKSPACE);
    await page.setViewportSize(size);
    const judge = (stop: Stop) => looksAsApproved(page, stop, size.width);
    const signInFirst = await tour(
      page,
      stops.filter((s) => !s.inWorkspace),
      stops,
      judge,
    );
    const role = setRole(WORKSPACE, MEMBER, "owner");
    try {
      await signIn(page, MEMBER);
      await expect(page).toHaveURL(/\/w\//);
      await tour(page, [...signInFirst, ...stops.filter((s) => s.inWorkspace)], stops, judge);
    } finally {
      setRole(WORKSPACE, MEMBER, role);
    }
  });
}
