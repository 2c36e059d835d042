// The portal has one address (PORTAL_URL): a page asked for under another host name for the
// same server is redirected there before sign-in starts, so the OAuth state cookie and the
// callback share one host.
import { expect, signIn, stackInfo, test } from "./fixtures";

const portal = new URL(stackInfo().portalUrl);
const otherHost = `http://127.0.0.1:${portal.port}`;

test("a page asked for at 127.0.0.1 is redirected to the same path at PORTAL_URL", async ({ playwright }) => {
  const direct = await playwright.request.newContext();
  const res = await direct.get(`${otherHost}/w/acme/domains?x=1`, { maxRedirects: 0 });
  expect(res.status()).toBe(307);
  expect(res.headers()["location"]).toBe(`${portal.origin}/w/acme/domains?x=1`);
  const signin = await direct.get(`${otherHost}/signin`, { maxRedirects: 0 });
  expect(signin.headers()["location"]).toBe(`${portal.origin}/signin`);
  // Health checks may use any address.
  expect((await direct.get(`${otherHost}/api/health`, { maxRedirects: 0 })).status()).toBe(200);
  await direct.dispose();
});

test("signing in that starts at http://127.0.0.1 ends signed in on the PORTAL_URL origin", async ({ page }) => {
  await signIn(page, "admin@acme.test", undefined, `${otherHost}/w/acme/smtp-accounts`);
  await expect(page).toHaveURL(`${portal.origin}/w/acme/smtp-accounts`);
  await expect(page.getByRole("heading", { name: "SMTP Accounts" })).toBeVisible();
});
