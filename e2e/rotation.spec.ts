// Planned rotation in the browser: Rotate password with a 1-hour grace window, the panel showing
// both passwords and the deadline, a real SMTP client sending with the old password, that use
// appearing in the panel, and End grace now ending the old password.
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { openCredentialsPanel, readCredential } from "./credentials-dialog";
import { submitCreateAccount } from "./create-account";
import { openRowMenu } from "./row-menu";
import { curlSend, pythonLogin } from "./smtp-clients";
import { withUnhydratedPage } from "./unhydrated";

const rowOf = (page: Page, label: string) => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });

test("an admin rotates with a 1-hour grace window: both passwords and the deadline are shown, and a send with the old one appears in the panel", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin@acme.test");
  const label = `Rotation check ${Date.now()}`;
  await submitCreateAccount(page, label, "rotation-check@acme.test");
  let dialog = page.getByRole("dialog");
  const username = await readCredential(dialog, "SMTP Username");
  const oldPassword = await readCredential(dialog, "SMTP Password");
  const port = (await readCredential(dialog, "SMTP Port")).split(" ")[0]!;
  await dialog.getByRole("button", { name: "Close" }).click();

  await openRowMenu(page, rowOf(page, label).getByRole("button", { name: `Actions for ${label}` }));
  await page.getByRole("menuitem", { name: "Rotate password" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("1 hour").check();
  const rotatedAt = Date.now();
  await dialog.getByRole("button", { name: "Rotate password" }).click();
  await expect(dialog).toContainText("The previous one keeps working until the end of the grace window");

  const newPassword = await readCredential(dialog, "SMTP Password");
  expect(newPassword).toMatch(/^[A-Za-z0-9]{32}$/);
  expect(newPassword).not.toBe(oldPassword);
  const grace = dialog.getByRole("region", { name: /Grace window/ });
  await expect(grace.getByTestId("previous-password")).toHaveText(oldPassword);
  await expect(grace.getByRole("heading", { name: /works until .+ \(in (1 hr|60 min|59 min)\.?\)/ })).toBeVisible();
  const deadline = Date.parse((await grace.locator("time").first().getAttribute("datetime"))!);
  expect(Math.abs(deadline - (rotatedAt + 3_600_000))).toBeLessThan(120_000);
  await expect(grace.locator("time").first()).toHaveAttribute("title", /UTC$/);
  await expect(grace).toContainText("No application has signed in with it since the rotation.");

  // Both passwords work during the grace window; an application still on the old one sends.
  const sent = curlSend(port, username, oldPassword, "rotation-check@acme.test");
  expect(sent.stderr).toBe("");
  expect(sent.status).toBe(0);
  expect(pythonLogin("localhost", port, username, newPassword)).toMatch(/^235 2\.7\.0 Authentication successful/);

  // The old password's use appears in the panel (the relay writes successful logins in batches).
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(async () => {
    const panel = await openCredentialsPanel(page, label);
    const region = panel.getByRole("region", { name: /Grace window/ });
    try {
      await expect(region).toContainText("1 sign-in since the rotation", { timeout: 1000 });
    } catch (error) {
      await panel.getByRole("button", { name: "Close" }).click();
      throw error;
    }
  }).toPass({ timeout: 30_000 });
  dialog = page.getByRole("dialog");
  const uses = dialog.getByRole("table", { name: "Sign-ins with the previous password, newest first" });
  await expect(uses.getByRole("row")).toHaveCount(2);
  await expect(uses).toContainText("127.0.0.1");
  await expect(uses).toContainText(/PLAIN|LOGIN/);

  // The account page says how long is left before its script runs too, not a UTC timestamp.
  const accountHref = await rowOf(page, label).getByRole("link", { name: label, exact: true }).getAttribute("href");
  await withUnhydratedPage(page, browser, async (early) => {
    await early.goto(accountHref!);
    await expect(early.getByRole("heading", { name: /works until .+ \(in (1 hr|60 min|59 min)\.?\)/ })).toBeVisible();
  });

  // End grace now, confirmed by the account's name: the old password stops at once.
  const region = dialog.getByRole("region", { name: /Grace window/ });
  await region.getByRole("button", { name: "End grace now" }).click();
  await expect(region).toContainText(`End the grace window of ${label} now?`);
  await region.getByRole("button", { name: "End grace now" }).click();
  await expect(page.getByText(`Grace window of ${label} ended`)).toBeVisible();
  await expect(dialog.getByRole("region", { name: /Grace window/ })).toHaveCount(0);
  expect(pythonLogin("localhost", port, username, oldPassword)).toMatch(/^535 5\.7\.8 Authentication credentials invalid/);
  expect(pythonLogin("localhost", port, username, newPassword)).toMatch(/^235 /);
});
