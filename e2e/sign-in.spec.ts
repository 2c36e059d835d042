import { queryOne } from "./db";
import { expect, signIn, test } from "./fixtures";

test("an admin signs in through SSO and sees their workspace's accounts and none of another's", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts$/);
  await expect(page.getByRole("heading", { name: "SMTP Accounts" })).toBeVisible();
  // Other specs add accounts to Acme; the seeded three must be there, and nothing of Globex's.
  const rows = page.getByRole("table", { name: "SMTP accounts" }).locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  // The From cell's first line is the address; help text may follow it.
  for (const from of await rows.locator("td:nth-of-type(2)").allInnerTexts()) expect(from.split(/\n| · /)[0]).toMatch(/@acme\.test$/);
  for (const label of ["Transactional mail", "Marketing newsletter", "Billing system"]) {
    await expect(page.getByRole("rowheader", { name: label })).toBeVisible();
  }
  await expect(page.getByText("Globex notifications")).toHaveCount(0);
  await expect(page.getByText(/@globex\.test/)).toHaveCount(0);
});

test("a wrong IdP password is refused with a clear message", async ({ page }) => {
  await signIn(page, "admin@acme.test", "not-the-password");
  await expect(page.getByRole("alert")).toContainText("Wrong email or password");
  await expect(page).not.toHaveURL(/\/w\//);
});

test("another workspace's URL is not found, never forbidden", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts$/);
  const response = await page.goto("/w/globex/smtp-accounts");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("a visitor without a session is sent to sign-in and comes back to the page they asked for", async ({ page }) => {
  await signIn(page, "viewer@acme.test", undefined, "/w/acme/smtp-accounts?sort=label");
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts\?sort=label$/);
});

test("sign-out ends the portal session and, through the IdP's logout, the SSO session too", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign out?" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.goto("/w/acme/smtp-accounts");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  // The IdP's session is gone as well: it asks for the password again.
  await page.getByRole("button", { name: "Sign in with Rackwave SSO" }).click();
  await expect(page.getByLabel("Password")).toBeVisible();
});

test("after repeated wrong passwords the IdP pauses sign-in for that email and says for how long", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in with Rackwave SSO" }).click();
  // An address no other test signs in with: the pause is per email (IDP_MAX_FAILURES_PER_EMAIL, default 5).
  const attempt = async (password: string) => {
    await page.getByLabel("Email").fill("guesser@acme.test");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  };
  for (let i = 0; i < 5; i++) {
    await attempt(`guess-${i}`);
    await expect(page.getByRole("alert")).toContainText("Wrong email or password");
  }
  await attempt("guess-5");
  await expect(page.getByRole("alert")).toHaveText("Too many attempts to sign in. Please try again in 15 minutes.");
});

test("the audit log records the address the browser connected from, not one it claims in X-Forwarded-For", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "6.6.6.6, 7.7.7.7" });
  await signIn(page, "developer@acme.test");
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts$/);
  const row = queryOne<{ ip: string | null }>(
    "SELECT ip FROM AuditEvent WHERE action = 'auth.sign_in' AND actorEmail = ? ORDER BY createdAt DESC LIMIT 1",
    "developer@acme.test",
  );
  expect(row.ip).toBe("127.0.0.1");
});
