// Domains in Chromium, on a stack of its own whose DNS_SERVERS is a DNS server this spec runs
// on loopback: an admin adds a domain, sees the records, publishes them (in the test server)
// and verifies it; removal names the accounts that use the domain; a viewer only looks.
import type { Page } from "@playwright/test";
import { startTestDnsServer, type TestDnsServer } from "../lib/domains/test-dns-server";
import { type Stack, startStack } from "../stack/start-stack";
import { expect, test } from "./fixtures";

let stack: Stack;
let dns: TestDnsServer;

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dns = await startTestDnsServer();
  stack = await startStack({ env: { DNS_SERVERS: dns.address } });
});

test.afterAll(async () => {
  await stack?.stop();
  await dns?.close();
});

async function signInAt(page: Page, email: string) {
  await page.goto(`${stack.portalUrl}/`);
  await page.getByRole("button", { name: "Sign in with Rackwave SSO" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(process.env.DEV_IDP_PASSWORD ?? "rackwave-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts$/);
}

function recordRow(page: Page, domain: string, record: string) {
  return page.getByRole("region", { name: domain }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: record }) });
}

test("an admin adds a domain, sees its records, publishes them and verifies it; removal names the accounts using it", async ({ page }) => {
  test.setTimeout(90_000);
  const domain = `shop-${Date.now().toString(36)}.example`;
  await signInAt(page, "admin@acme.test");
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Domains" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Domains" })).toBeVisible();

  // Validation speaks plainly; IDN and case are normalised.
  const form = page.getByRole("form", { name: "Add domain" });
  await form.getByLabel("Domain name").fill("192.0.2.1");
  await form.getByRole("button", { name: "Add domain" }).click();
  await expect(form.getByRole("alert")).toHaveText(/not an IP address/);
  await form.getByLabel("Domain name").fill(domain.toUpperCase());
  await form.getByRole("button", { name: "Add domain" }).click();
  await expect(form.getByRole("status")).toContainText(`${domain} added`);

  const card = page.getByRole("region", { name: domain });
  await expect(card.getByLabel("Status: pending")).toBeVisible();
  await expect(card.getByText("Last checked: never")).toBeVisible();
  const ownership = recordRow(page, domain, "Ownership");
  await expect(ownership.getByRole("cell").nth(1)).toContainText(`_migosmtp.${domain}`);
  const token = (await ownership.locator("code").nth(1).innerText()).trim();
  expect(token).toMatch(/^migosmtp-verification=[A-Za-z0-9_-]{24}$/);
  const dkim = recordRow(page, domain, "DKIM");
  const dkimName = (await dkim.locator("code").nth(0).innerText()).trim();
  const dkimValue = (await dkim.locator("code").nth(1).innerText()).trim();
  expect(dkimName).toMatch(new RegExp(`^migo\\d{6}\\._domainkey\\.${domain.replace(/\./g, "\\.")}$`));
  expect(dkimValue).toMatch(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/]+=*$/);
  await expect(recordRow(page, domain, "SPF (suggested)")).toContainText("v=spf1 include:");
  await expect(recordRow(page, domain, "DMARC (suggested)")).toContainText(`_dmarc.${domain}`);

  // Copy puts the exact value on the clipboard.
  await ownership.getByRole("button", { name: "Copy Ownership record value" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

  // Nothing published yet: Verify now fails with the reason.
  await card.getByRole("button", { name: `Verify ${domain} now` }).click();
  await expect(card.getByRole("status")).toContainText("NXDOMAIN");
  await expect(card.getByLabel("Status: failed")).toBeVisible();

  // Published (the test DNS server plays the admin's DNS provider): verified, and DKIM signing on.
  dns.setTxt(`_migosmtp.${domain}`, [token]);
  dns.setTxt(dkimName, [dkimValue]);
  await card.getByRole("button", { name: `Verify ${domain} now` }).click();
  await expect(card.getByRole("status")).toContainText("Ownership verified.");
  await expect(card.getByLabel("Status: verified")).toBeVisible();
  await expect(card.getByText(/DKIM: signing with migo\d{6}/)).toBeVisible();
  await expect(card.getByText("Last checked: never")).toHaveCount(0);

  // The verified domain can now be used for an account…
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "SMTP Accounts" }).click();
  await page.getByRole("link", { name: "Create account" }).click();
  const create = page.getByRole("form", { name: "Create SMTP account" });
  await create.getByLabel("Label").fill("Shop orders");
  await create.getByLabel("From address").fill(`orders@${domain}`);
  await create.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();

  // …and removing the domain says which accounts go with it.
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Domains" }).click();
  await page.getByRole("region", { name: domain }).getByRole("button", { name: `Remove ${domain}` }).click();
  const dialog = page.getByRole("dialog", { name: `Remove ${domain}?` });
  await expect(dialog.getByRole("list", { name: `Accounts using ${domain}` })).toContainText("Shop orders");
  await dialog.getByRole("button", { name: "Remove domain and 1 account" }).click();
  await expect(page.getByRole("region", { name: domain })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "SMTP Accounts" }).click();
  await expect(page.getByRole("rowheader", { name: "Shop orders" })).toHaveCount(0);
});

test("a viewer sees the domains and their records, but not the admin's controls", async ({ page }) => {
  await signInAt(page, "viewer@acme.test");
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Domains" }).click();
  const card = page.getByRole("region", { name: "acme.test" });
  await expect(card.getByLabel("Status: verified")).toBeVisible();
  await expect(recordRow(page, "acme.test", "Ownership")).toContainText("_migosmtp.acme.test");
  await expect(page.getByRole("form", { name: "Add domain" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Verify .* now$/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
});

test("acme.test shows its DKIM record from the seed; an admin rotates the key: the new selector shows, the old one stays published until a date", async ({ page }) => {
  test.setTimeout(90_000);
  await signInAt(page, "admin@acme.test");
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Domains" }).click();
  const card = page.getByRole("region", { name: "acme.test" });
  const dkimRows = card.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "DKIM" }) });
  await expect(dkimRows).toHaveCount(1);
  const oldName = (await dkimRows.first().locator("code").nth(0).innerText()).trim();
  expect(oldName).toMatch(/^migo\d{6}\._domainkey\.acme\.test$/);
  await expect(dkimRows.first().locator("code").nth(1)).toHaveText(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/]+=*$/);
  const oldSelector = oldName.split(".")[0]!;
  await expect(card.getByText(`DKIM: signing with ${oldSelector}`)).toBeVisible();

  // Rotating asks first, then shows the new selector's record beside the old one.
  await card.getByRole("button", { name: "Rotate the DKIM key of acme.test" }).click();
  await page.getByRole("dialog", { name: "Rotate the DKIM key of acme.test?" }).getByRole("button", { name: "Rotate key" }).click();
  await expect(dkimRows).toHaveCount(2);
  const newName = (await dkimRows.nth(1).locator("code").nth(0).innerText()).trim();
  const newValue = (await dkimRows.nth(1).locator("code").nth(1).innerText()).trim();
  const newSelector = newName.split(".")[0]!;
  expect(newName).toMatch(/^migo\d{6}(n\d+)?\._domainkey\.acme\.test$/);
  expect(newName).not.toBe(oldName);
  await expect(card.getByText(`DKIM: signing with ${oldSelector}`)).toBeVisible();

  // No switch before the new record is seen in DNS.
  await card.getByRole("button", { name: `Switch acme.test to DKIM key ${newSelector}` }).click();
  await expect(card.getByText(/^Not switched yet: /)).toBeVisible();
  await expect(card.getByText(`DKIM: signing with ${oldSelector}`)).toBeVisible();

  // Published: the switch happens, and the old record stays listed with the date it may go.
  dns.setTxt(newName, [newValue]);
  await card.getByRole("button", { name: `Switch acme.test to DKIM key ${newSelector}` }).click();
  await expect(card.getByText(`DKIM: signing with ${newSelector}`)).toBeVisible();
  await expect(dkimRows).toHaveCount(2);
  await expect(dkimRows.filter({ hasText: oldName })).toContainText(/Retired key: keep this record published until .+ UTC/);

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Audit Log" }).click();
  const audit = page.getByRole("table", { name: "Audit events, newest first" });
  for (const action of ["domain.dkim.rotate.start", "domain.dkim.rotate.complete"]) await expect(audit.getByRole("row").filter({ hasText: action }).first()).toContainText("admin@acme.test");
});
