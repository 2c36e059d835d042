import { expect, signIn, test } from "./fixtures";
import { openRowMenu } from "./row-menu";

test("a developer clicks Test connection and sees each step and Connection OK", async ({ page }) => {
  await signIn(page, "developer@acme.test");
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Transactional mail", exact: true }) });
  await openRowMenu(page, row.getByRole("button", { name: /^Actions for/ }));
  await page.getByRole("menuitem", { name: "Test connection" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Test connection" }).click();
  const status = dialog.getByRole("status");
  await expect(status).toContainText("Connection OK", { timeout: 30_000 });
  for (const step of ["Connect", "Banner", "EHLO", "TLS", "AUTH", "MAIL FROM", "RSET", "QUIT"]) await expect(status).toContainText(step);
  await expect(status).toContainText("235");
});

test("the SSL/TLS port can be tested too", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Billing system", exact: true }) });
  await openRowMenu(page, row.getByRole("button", { name: /^Actions for/ }));
  await page.getByRole("menuitem", { name: "Test connection" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/SSL\/TLS/).check();
  await dialog.getByRole("button", { name: "Test connection" }).click();
  await expect(dialog.getByRole("status")).toContainText("Connection OK", { timeout: 30_000 });
});

test("a viewer has no Test connection button", async ({ page }) => {
  await signIn(page, "viewer@acme.test");
  await expect(page.getByRole("rowheader", { name: "Transactional mail" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Test connection" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Actions for/ })).toHaveCount(0);
});
