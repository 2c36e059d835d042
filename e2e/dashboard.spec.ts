import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { submitCreateAccount } from "./create-account";
import { openRowMenu } from "./row-menu";
import { openCredentialsPanel } from "./credentials-dialog";

async function createAccount(page: Page, label: string, from: string) {
  await submitCreateAccount(page, label, from);
  await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
}

test("the row menu opens with Enter, moves with the arrows, closes with Escape and gives focus back to its button", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  const button = page.getByRole("button", { name: "Actions for Transactional mail" });
  const menu = page.getByRole("menu", { name: "Actions for Transactional mail" });
  // A key pressed before the page has hydrated does nothing: press again until it takes.
  await expect(async () => {
    await button.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(menu.getByRole("menuitem", { name: "Test connection" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Rotate password" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Reset Password" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect(menu.getByRole("menuitem", { name: "Delete" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
  await expect(button).toBeFocused();
  await page.keyboard.press(" ");
  await expect(menu).toBeVisible();
});

test("a dialog opened from the row menu returns focus to the menu button when it closes", async ({ page }) => {
  await signIn(page, "developer@acme.test");
  const button = page.getByRole("button", { name: "Actions for Transactional mail" });
  await (await openRowMenu(page, button)).getByRole("menuitem", { name: "Test connection" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(button).toBeFocused();
});

test("Reset Password and Rotate password in the credentials dialog keep the keyboard in the dialog, on the question they ask", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  for (const [button, question] of [
    ["Reset Password", "Reset the password of"],
    ["Rotate password", "Rotate the password of"],
  ] as const) {
    const dialog = await openCredentialsPanel(page, "Transactional mail");
    await dialog.getByRole("button", { name: button, exact: true }).focus();
    await page.keyboard.press("Enter");
    // Once on the page's body: the button pressed had been replaced by the confirmation.
    await expect(dialog.getByText(question)).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(dialog.locator(":focus")).toHaveCount(1);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toHaveCount(0);
  }
});

test("disabling an account from its menu says so in a toast, and the delete dialog names the account", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  const label = `Toast check ${Date.now()}`;
  await createAccount(page, label, "toast-check@acme.test");
  await openRowMenu(page, page.getByRole("button", { name: `Actions for ${label}` }));
  await page.getByRole("menuitem", { name: "Disable" }).click();
  await expect(page.getByTestId("toast")).toContainText(`${label} disabled`);
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });
  await expect(row).toContainText("disabled");
  await openRowMenu(page, page.getByRole("button", { name: `Actions for ${label}` }));
  await page.getByRole("menuitem", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${label}?` });
  await expect(dialog.getByRole("button", { name: `Delete ${label}` })).toBeDisabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
});

test("copying a username from the table confirms it in a toast", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "developer@acme.test");
  await page.getByRole("button", { name: "Copy username of Transactional mail" }).click();
  await expect(page.getByTestId("toast")).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^smtpuser_[0-9a-f]{8}$/);
});

test("the workspace URL opens the overview, whose charts show the demo traffic with a text summary and a data table", async ({ page }) => {
  await signIn(page, "viewer@acme.test");
  await page.goto("/w/acme");
  await expect(page).toHaveURL(/\/w\/acme\/overview$/);
  await expect(page.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: "7 days" }).click();
  const volume = page.getByRole("figure", { name: /Messages per hour: accepted and delivery outcomes/ });
  await expect(volume).toContainText(/\d+ messages accepted in the last 7 days; delivery outcomes by the hour they happened: \d+ delivered/);
  await volume.getByText("Show data").click();
  await expect(volume.getByRole("table")).toBeVisible();
  await expect(page.getByRole("figure", { name: /Top accounts by volume/ }).getByRole("link", { name: "Transactional mail" })).toBeVisible();
  await expect(page.getByRole("figure", { name: /SMTP AUTH failures per hour/ })).toBeVisible();
});

test("an account page draws its volume and its logins by IP with the review window", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await page.getByRole("link", { name: "Transactional mail" }).click();
  await expect(page.getByRole("figure", { name: /Messages per hour: accepted and delivery outcomes/ })).toBeVisible();
  const logins = page.getByRole("figure", { name: /Logins per hour by IP/ });
  await expect(logins).toContainText("review window");
});

test("the Delivery Logs volume strip follows the filters", async ({ page }) => {
  await signIn(page, "viewer@acme.test");
  await page.goto("/w/acme/delivery-logs?preset=7d");
  const strip = page.getByRole("figure", { name: /Matching messages over time/ });
  const all = Number((await strip.locator("figcaption").innerText()).match(/(\d+) matching/)?.[1]);
  expect(all).toBeGreaterThan(0);
  await page.goto("/w/acme/delivery-logs?preset=7d&status=bounced");
  const bounced = Number((await strip.locator("figcaption").innerText()).match(/(\d+) matching/)?.[1] ?? 0);
  expect(bounced).toBeLessThan(all);
});

test("a member's last sign-in shows in the viewer's time zone, with the exact UTC time on hover", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await signIn(page, "owner@acme.test");
  await page.goto("/w/acme/members");
  const row = page.getByRole("row").filter({ hasText: "owner@acme.test" });
  const time = row.locator("time");
  await expect(time).toHaveAttribute("title", /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
  // After hydration the text is the browser's local format, not the UTC fallback.
  await expect(time).not.toHaveText(/UTC$/);
});

test("the audit log shows each actor's initials beside the email", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await page.goto("/w/acme/audit-log");
  await expect(page.getByRole("cell", { name: /^admin@acme\.test$/ }).first()).toBeVisible();
  await expect(page.locator("td span[aria-hidden='true']", { hasText: /^AD$/ }).first()).toBeVisible();
});

test("inviting a member shows the form is being sent, then confirms it in a toast; a pending invitation can be withdrawn", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/w/acme/members");
  const invite = page.getByRole("form", { name: "Invite a member" });
  const email = `toast.invite.${Date.now()}@acme.test`;
  await invite.getByLabel("Email").fill(email);
  await invite.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByTestId("toast")).toContainText(`Invited ${email}`);
  await expect(invite.getByRole("button", { name: "Invite" })).toBeEnabled();

  const pending = page.getByRole("region", { name: "Pending invitations" });
  await expect(pending).toContainText(`${email} — viewer`);
  await pending.getByRole("button", { name: `Withdraw the invitation of ${email}` }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Invitation of ${email} withdrawn` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Pending invitations" }).getByText(email)).toHaveCount(0);
});
