// Fifty accounts are readable on a 1280×800 screen, as on the dashboards admins know: one line
// per account (label, username, From, status, last used, sends and the actions side by side),
// no sideways scroll, and neither label nor username cut off.
import { expect, signIn, test } from "./fixtures";
import { createDenseWorkspace, type DenseWorkspace } from "./dense-workspace";

const COUNT = 50;
/** One line of text-sm with the compact buttons beside it; a wrapped cell makes a row at least one line taller. */
const MAX_ROW_HEIGHT = 48;

let dense: DenseWorkspace;
test.beforeAll(() => {
  dense = createDenseWorkspace({ slug: `dense-${Date.now().toString(36)}`, count: COUNT, member: "owner@acme.test", role: "admin" });
});
test.afterAll(() => dense?.remove());

test("fifty accounts fit one line each on a 1280×800 screen, with nothing clipped and no sideways scroll", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, "owner@acme.test");
  await expect(page).toHaveURL(/\/w\//);
  await page.goto(`/w/${dense.slug}/smtp-accounts`);
  const table = page.getByRole("table", { name: "SMTP accounts" });
  await expect(table.locator("tbody tr")).toHaveCount(COUNT);
  // Hydrated: the row menus answer (the actions cell is complete).
  await expect(table.getByRole("button", { name: /^Actions for / })).toHaveCount(COUNT);

  const layout = await table.evaluate((t) => {
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

  expect(layout.pageOverflow, "the page scrolls sideways").toBeLessThanOrEqual(0);
  expect(layout.tableOverflow, `the accounts table scrolls sideways (columns: ${layout.columns})`).toBeLessThanOrEqual(0);
  const describe = (r: (typeof layout.rows)[number]) => `${r.label}: ${r.height}px, label ${r.labelLines} line(s), username ${r.usernameLines} line(s)`;
  expect(layout.rows.filter((r) => r.height > MAX_ROW_HEIGHT).map(describe), `rows taller than ${MAX_ROW_HEIGHT}px (a cell wrapped)`).toEqual([]);
  expect(layout.rows.filter((r) => r.labelLines !== 1 || r.usernameLines !== 1).map(describe), "labels or usernames on more than one line").toEqual([]);
  expect(layout.rows.filter((r) => !r.buttonsOnOneLine).map((r) => r.label), "rows whose action buttons wrapped").toEqual([]);
  expect(layout.rows.filter((r) => !r.labelShown || !r.usernameShown).map((r) => r.label), "labels or usernames cut off").toEqual([]);
  expect(layout.rows.map((r) => r.label)).toEqual([...dense.labels].sort((a, b) => a.localeCompare(b)));
  expect(layout.rows.map((r) => r.usernameText).sort()).toEqual([...dense.usernames].sort());
  // Fifty rows in under four screens of 800 px.
  expect(layout.bodyHeight).toBeLessThanOrEqual(COUNT * MAX_ROW_HEIGHT);
});
