// A reveal is a click, never a page load: opening /w/acme/smtp-accounts?reveal=<id> (as the
// step-up return does, or a link someone sent) opens the panel with a Reveal button; no audit
// row and no unit of the reveal budget are spent, and no password reaches the page, until then.
import { accountId, queryOne } from "./db";
import { expect, signIn, test } from "./fixtures";
import { credentialValue } from "./credentials-dialog";
import { withUnhydratedPage } from "./unhydrated";

const revealRows = (id: string) => queryOne<{ n: number }>("SELECT COUNT(*) AS n FROM AuditEvent WHERE action = 'credentials.reveal' AND targetId = ?", id).n;
const revealBudgetUsed = (email: string) =>
  queryOne<{ n: number | null }>("SELECT SUM(r.count) AS n FROM RateCounter r JOIN User u ON r.key = 'reveal:' || u.id WHERE u.email = ?", email).n ?? 0;

test("opening ?reveal=<id> reveals nothing until the user clicks Reveal", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts$/);
  const id = accountId("acme", "Transactional mail");
  const rowsBefore = revealRows(id);
  const budgetBefore = revealBudgetUsed("admin@acme.test");

  await page.goto(`/w/acme/smtp-accounts?reveal=${id}`);
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  // Let anything the page load starts finish before judging that it started nothing.
  await page.waitForLoadState("networkidle");
  expect(revealRows(id), "audit rows for credentials.reveal after the page load").toBe(rowsBefore);
  expect(revealBudgetUsed("admin@acme.test"), "reveal budget used by the page load").toBe(budgetBefore);
  await expect(dialog.getByText("SMTP Password")).toHaveCount(0);
  expect(await page.content()).not.toMatch(/>[A-Za-z0-9]{32}</);

  await dialog.getByRole("button", { name: "Reveal", exact: true }).click();
  await expect(credentialValue(dialog, "SMTP Password")).toHaveText(/^[A-Za-z0-9]{32}$/);
  expect(revealRows(id)).toBe(rowsBefore + 1);
  expect(revealBudgetUsed("admin@acme.test")).toBe(budgetBefore + 1);
});

test("before the page's script runs, the eye icon and Create account are links the server answers, so an early click is not lost", async ({ page, browser }) => {
  await signIn(page, "admin@acme.test");
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts$/);
  await withUnhydratedPage(page, browser, async (early) => {
    await early.goto(page.url());
    const eye = early.getByRole("link", { name: "View Credentials" }).first();
    const href = await eye.getAttribute("href");
    expect(href).toMatch(/^\?reveal=acct_[0-9a-f]+$/);
    await eye.click();
    await expect(early).toHaveURL(new RegExp(`/w/acme/smtp-accounts\\${href}$`));
    await early.goto(page.url()); // the panel's overlay covers the page now
    await early.getByRole("link", { name: "Create account" }).click();
    await expect(early).toHaveURL(/\/w\/acme\/smtp-accounts\?create=1$/);
    await expect(early.getByRole("form", { name: "Create SMTP account" })).toBeVisible();
  });
});
