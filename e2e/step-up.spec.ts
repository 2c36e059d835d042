// Step-up before secrets, with the maximum age shortened by env on a stack of its own. Every
// action that returns or creates a password sends a stale session through the IdP again and
// back to the dialog it came from; the action itself runs only on the user's next click.
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { type Stack, startStack } from "../stack/start-stack";
import { expect, test } from "./fixtures";
import { credentialValue } from "./credentials-dialog";
import { openRowMenu } from "./row-menu";

const MAX_AGE_SECONDS = 6;
const PASSWORD = process.env.DEV_IDP_PASSWORD ?? "rackwave-demo";
let stack: Stack;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startStack({ env: { STEP_UP_MAX_AGE: String(MAX_AGE_SECONDS) } });
});

test.afterAll(async () => {
  await stack?.stop();
});

function count(sql: string, ...params: unknown[]): number {
  const db = new Database(stack.env.DATABASE_URL.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

async function signInAtIdp(page: Page, email = "admin@acme.test") {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in, then lets the authentication age past the maximum (bounded by the env setting, not a guess). */
async function signInAndGoStale(page: Page, email?: string) {
  await page.goto(`${stack.portalUrl}/`);
  await page.getByRole("button", { name: "Sign in with Rackwave SSO" }).click();
  await signInAtIdp(page, email);
  const signedInAt = Date.now();
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts$/);
  await expect.poll(() => Date.now() - signedInAt, { timeout: 20_000, intervals: [500] }).toBeGreaterThan((MAX_AGE_SECONDS + 1) * 1000);
}

/** The step-up sign-in page: prompt=login, so the IdP asks for the password again although its session is alive. */
async function stepUp(page: Page, email?: string) {
  await expect(page).toHaveURL(/\/signin\?stepUp=1/);
  await page.getByRole("button", { name: "Sign in with Rackwave SSO" }).click();
  await signInAtIdp(page, email);
}

test("with a stale authentication, View Credentials sends the user through the IdP again and back to the panel, which reveals on a click", async ({ page }) => {
  test.setTimeout(90_000);
  await signInAndGoStale(page);
  await page.getByRole("row").filter({ hasText: "Transactional mail" }).getByRole("link", { name: "View Credentials" }).click();
  // Before hydration the eye icon is a plain link to ?reveal=<id>, whose panel asks first.
  await expect(page).toHaveURL(/\/signin\?stepUp=1|\?reveal=/);
  if (page.url().includes("?reveal=")) await page.getByRole("dialog").getByRole("button", { name: "Reveal", exact: true }).click();
  await stepUp(page);
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts\?reveal=/);
  const dialog = page.getByRole("dialog");
  // Back from the IdP the panel is open, but the reveal waits for the user.
  await expect(dialog.getByRole("button", { name: "Reveal", exact: true })).toBeVisible();
  await expect(dialog.getByText("SMTP Password")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Reveal", exact: true }).click();
  await expect(credentialValue(dialog, "SMTP Password")).toHaveText(/^[A-Za-z0-9]{32}$/);
});

test("with a stale authentication, Create account sends the user through the IdP again and back to the filled-in form, creating nothing until Create is clicked again", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const label = `Step-up created ${Date.now()}`;
  const created = () => count("SELECT COUNT(*) AS n FROM SmtpAccount WHERE label = ?", label);
  await signInAndGoStale(page);
  await page.getByRole("link", { name: "Create account" }).click();
  const form = page.getByRole("form", { name: "Create SMTP account" });
  await form.getByLabel("Label").fill(label);
  await form.getByLabel("From address").fill("stepup@acme.test");
  await form.getByRole("button", { name: "Create" }).click();

  await stepUp(page);
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts\?create=1/);
  // The form again, filled in; the POST was not replayed.
  await expect(form.getByLabel("Label")).toHaveValue(label);
  await expect(form.getByLabel("From address")).toHaveValue("stepup@acme.test");
  expect(created()).toBe(0);
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await form.getByRole("button", { name: "Create" }).click();
  const dialog = page.getByRole("dialog");
  await expect(credentialValue(dialog, "SMTP Password")).toHaveText(/^[A-Za-z0-9]{32}$/);
  expect(created()).toBe(1);
});

test("with a stale authentication, Reset Password sends the user through the IdP again and back to the confirmation, resetting nothing until it is confirmed again", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const version = () => count("SELECT passwordVersion AS n FROM SmtpAccount WHERE label = 'Transactional mail'");
  await signInAndGoStale(page);
  const before = version();
  await openRowMenu(page, page.getByRole("row").filter({ hasText: "Transactional mail" }).getByRole("button", { name: "Actions for Transactional mail" }));
  await page.getByRole("menuitem", { name: "Reset Password" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reset password now" }).click();

  await stepUp(page);
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts\?reset=/);
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: "Reset password now" })).toBeVisible();
  expect(version()).toBe(before);

  await dialog.getByRole("button", { name: "Reset password now" }).click();
  await expect(credentialValue(dialog, "SMTP Password")).toHaveText(/^[A-Za-z0-9]{32}$/);
  expect(version()).toBe(before + 1);
});

test("with a stale authentication, inviting an admin sends the owner through the IdP again and back to Members, inviting no one until Invite is clicked again", async ({ page }) => {
  test.setTimeout(90_000);
  const invited = () => count(`SELECT COUNT(*) AS n FROM "Invitation" WHERE "email" = ?`, "new-admin@acme.test");
  await signInAndGoStale(page, "owner@acme.test");
  await page.goto(`${stack.portalUrl}/w/acme/members`);
  const invite = async () => {
    const form = page.getByRole("form", { name: "Invite a member" });
    await form.getByLabel("Email").fill("new-admin@acme.test");
    await form.getByLabel("Role").selectOption("admin");
    await form.getByRole("button", { name: "Invite" }).click();
  };
  await invite();
  await stepUp(page, "owner@acme.test");
  await expect(page).toHaveURL(/\/w\/acme\/members$/);
  expect(invited()).toBe(0);
  await invite();
  await expect(page.getByRole("status").filter({ hasText: "Invited new-admin@acme.test" })).toBeVisible();
  expect(invited()).toBe(1);
});
