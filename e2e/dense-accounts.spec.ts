// Fifty accounts are readable on a 1280×800 screen, as on the dashboards admins know: one line
// per account (label, username, From, status, last used, sends and the actions side by side),
// no sideways scroll, and neither label nor username cut off.
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { createDenseWorkspace, type DenseWorkspace } from "./dense-workspace";
import { withUnhydratedPage } from "./unhydrated";

const COUNT = 50;
/** One line of text-sm with the compact buttons beside it; a wrapped cell makes a row at least one line taller. */
const MAX_ROW_HEIGHT = 48;

let dense: DenseWorkspace;
test.beforeAll(() => {
  dense = createDenseWorkspace({ slug: `dense-${Date.now().toString(36)}`, count: COUNT, member: "owner@acme.test", role: "admin" });
});
test.afterAll(() => dense?.remove());

/** The table's layout as the browser lays it out now: overflow, column widths and each row's lines. */
function measure(page: Page) {
  return page.getByRole("table", { name: "SMTP accounts" }).evaluate((t) => {
    const region = t.closest('[role="region"]')!;
    const rows = [...t.querySelectorAll("tbody tr")].map((tr) => {
      const header = tr.querySelector("th")!;
      const label = header.querySelector("a")!;
      const username = tr.querySelector("td span.font-mono") as HTMLElement;
      const buttons = [...tr.querySelectorAll("td:last-child :is(a, button)")].map((b) => b.getBoundingClientRect());
      const inside = (inner: DOMRect, outer: DOMRect) => inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5;
      return {
        label: label.textContent,
        height: tr.getBoundingClientRect().height,
        labelLines: label.getClientRects().length,
        labelShown: inside(label.getBoundingClientRect(), header.getBoundingClientRect()) && header.scrollWidth <= header.clientWidth && label.scrollWidth <= label.clientWidth,
        usernameText: username.textContent,
        usernameLines: username.getClientRects().length,
        usernameShown: inside(username.getBoundingClientRect(), username.parentElement!.getBoundingClientRect()) && username.parentElement!.scrollWidth <= username.parentElement!.clientWidth,
        // Side by side: each button's middle on the first one's line.
        buttonsOnOneLine: buttons.length > 1 && buttons.every((b) => Math.abs(b.top + b.height / 2 - (buttons[0]!.top + buttons[0]!.height / 2)) < 2),
      };
    });
    return {
      rows,
      tableOverflow: region.scrollWidth - region.clientWidth,
      columns: [...t.querySelectorAll("thead th")].map((th) => `${th.textContent || "actions"} ${Math.round(th.getBoundingClientRect().width)}px`).join(", "),
      pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
      bodyHeight: t.querySelector("tbody")!.getBoundingClientRect().height,
    };
  });
}

function expectReadable(layout: Awaited<ReturnType<typeof measure>>, when: string) {
  expect(layout.pageOverflow, `${when}: the page scrolls sideways`).toBeLessThanOrEqual(0);
  expect(layout.tableOverflow, `${when}: the accounts table scrolls sideways (columns: ${layout.columns})`).toBeLessThanOrEqual(0);
  const describe = (r: (typeof layout.rows)[number]) => `${r.label}: ${r.height}px, label ${r.labelLines} line(s), username ${r.usernameLines} line(s)`;
  expect(layout.rows.filter((r) => r.height > MAX_ROW_HEIGHT).map(describe), `${when}: rows taller than ${MAX_ROW_HEIGHT}px (a cell wrapped)`).toEqual([]);
  expect(layout.rows.filter((r) => r.labelLines !== 1 || r.usernameLines !== 1).map(describe), `${when}: labels or usernames on more than one line`).toEqual([]);
  expect(layout.rows.filter((r) => !r.buttonsOnOneLine).map((r) => r.label), `${when}: rows whose action buttons wrapped`).toEqual([]);
  expect(layout.rows.filter((r) => !r.labelShown || !r.usernameShown).map((r) => r.label), `${when}: labels or usernames cut off`).toEqual([]);
  expect(layout.rows.map((r) => r.label)).toEqual([...dense.labels].sort((a, b) => a.localeCompare(b)));
  expect(layout.rows.map((r) => r.usernameText).sort()).toEqual([...dense.usernames].sort());
  // Fifty rows in under four screens of 800 px.
  expect(layout.bodyHeight).toBeLessThanOrEqual(COUNT * MAX_ROW_HEIGHT);
}

test("fifty accounts fit one line each on a 1280×800 screen, with nothing clipped and no sideways scroll", async ({ page, browser }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, "owner@acme.test");
  await expect(page).toHaveURL(/\/w\//);
  const url = `/w/${dense.slug}/smtp-accounts`;

  // As the server sent it, before the page's script runs (what people look at first on a slow
  // machine or network).
  await withUnhydratedPage(page, browser, async (early) => {
    await early.goto(url);
    await expect(early.getByRole("table", { name: "SMTP accounts" }).locator("tbody tr")).toHaveCount(COUNT);
    expectReadable(await measure(early), "before hydration");
  });

  // Hydrated: React has taken over the table (times are now in the viewer's zone and clock).
  await page.goto(url);
  const table = page.getByRole("table", { name: "SMTP accounts" });
  await expect(table.locator("tbody tr")).toHaveCount(COUNT);
  await expect.poll(() => table.evaluate((t) => Object.keys(t).some((k) => k.startsWith("__reactFiber")))).toBe(true);
  await expect(table.getByRole("button", { name: /^Actions for / })).toHaveCount(COUNT);
  expectReadable(await measure(page), "after hydration");
});
