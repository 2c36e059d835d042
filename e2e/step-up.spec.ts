// Step-up before secrets, with the maximum age shortened by env on a stack of its own.
import { type Stack, startStack } from "../stack/start-stack";
import { expect, test } from "./fixtures";

const MAX_AGE_SECONDS = 6;
let stack: Stack;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startStack({ env: { STEP_UP_MAX_AGE: String(MAX_AGE_SECONDS) } });
});

test.afterAll(async () => {
  await stack?.stop();
});

test("with a stale authentication, View Credentials sends the user through the IdP again and then shows the panel", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`${stack.portalUrl}/`);
  await page.getByRole("button", { name: "Sign in with Rackwave SSO" }).click();
  await page.getByLabel("Email").fill("admin@acme.test");
  await page.getByLabel("Password").fill(process.env.DEV_IDP_PASSWORD ?? "rackwave-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  const signedInAt = Date.now();
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts$/);
  // Let the authentication age past the maximum (bounded by the env setting, not a guess).
  await expect.poll(() => Date.now() - signedInAt, { timeout: 20_000, intervals: [500] }).toBeGreaterThan((MAX_AGE_SECONDS + 1) * 1000);

  await page.getByRole("row").filter({ hasText: "Transactional mail" }).getByRole("button", { name: "View Credentials" }).click();
  await expect(page).toHaveURL(/\/signin\?stepUp=1/);
  await page.getByRole("button", { name: "Sign in with Rackwave SSO" }).click();
  // prompt=login: the IdP asks for the password again although its session is alive.
  await page.getByLabel("Email").fill("admin@acme.test");
  await page.getByLabel("Password").fill(process.env.DEV_IDP_PASSWORD ?? "rackwave-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts\?reveal=/);
  const dialog = page.getByRole("dialog");
  await expect(dialog.locator('dt:text-is("SMTP Password") + dd span')).toHaveText(/^[A-Za-z0-9]{32}$/);
});
