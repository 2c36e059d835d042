// Messages sent through the real relay with curl appear in the Delivery Logs with the right
// fields, and the URL filters narrow them; the CSV export carries the same rows.
import { expect, signIn, test } from "./fixtures";
import { createAccountAndRead, curlSendTo } from "./log-helpers";

test("messages sent with curl show in the Delivery Logs with their fields, and the filters narrow them", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  const label = `Log check ${Date.now()}`;
  const acct = await createAccountAndRead(page, label, "logcheck@acme.test");
  const stamp = Date.now().toString(36);
  for (const to of [`one@alpha-${stamp}.example`, `two@beta-${stamp}.example`]) {
    const r = curlSendTo({ ...acct, from: "logcheck@acme.test", to, subject: `log ${to}` });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  }
  await page.goto("/w/acme/smtp-accounts");
  await page.getByRole("link", { name: label, exact: true }).click();
  await expect(page.getByRole("heading", { name: label })).toBeVisible();
  // Login events of the account: the two successful AUTHs.
  await expect(page.getByRole("table", { name: "SMTP login events, newest first" }).getByRole("row")).toHaveCount(3);

  await page.getByRole("link", { name: "Delivery Logs" }).click();
  // The account filter is a combobox that searches as you type; pick the account by keyboard.
  const accountFilter = page.getByRole("combobox", { name: "Account" });
  await accountFilter.fill(label);
  await expect(page.getByRole("option", { name: label, exact: true })).toBeVisible();
  await accountFilter.press("ArrowDown");
  await expect(page.getByRole("option", { name: label, exact: true })).toHaveAttribute("aria-selected", "true");
  await accountFilter.press("Enter");
  await expect(accountFilter).toHaveValue(label);
  await page.getByRole("button", { name: "Apply filters" }).click();
  const table = page.getByRole("table", { name: "Messages, newest first" });
  await expect(table.getByRole("row")).toHaveCount(3);
  const newest = table.getByRole("row").nth(1);
  await expect(newest).toContainText(label);
  await expect(newest).toContainText("127.0.0.1");
  await expect(newest).toContainText("logcheck@acme.test");
  await expect(newest).toContainText(`two@beta-${stamp}.example`);
  await expect(newest).toContainText(`log two@beta-${stamp}.example`);
  await expect.poll(async () => (await page.reload(), await newest.innerText())).toContain("delivered");

  await page.getByLabel("Recipient (address or domain)").fill(`alpha-${stamp}.example`);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`rcpt=alpha-${stamp}.example`));
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText(`one@alpha-${stamp}.example`);

  await table.getByRole("row").nth(1).getByRole("link").click();
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText("accepted");
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText("delivered");
  await expect(page.getByRole("heading", { name: "Headers" })).toBeVisible();
  await expect(page.getByRole("cell", { name: `log one@alpha-${stamp}.example` })).toBeVisible();

  const csv = await page.request.get(`/api/w/acme/delivery-logs/export?rcpt=alpha-${stamp}.example`);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`one@alpha-${stamp}.example`);
});

test("Globex cannot see Acme's log, message or export", async ({ page }) => {
  await signIn(page, "admin@globex.test");
  expect((await page.request.get("/api/w/acme/delivery-logs/export")).status()).toBe(404);
  expect((await page.request.get("/api/w/acme/audit-log/export")).status()).toBe(404);
  const response = await page.goto("/w/acme/delivery-logs");
  expect(response?.status()).toBe(404);
  await page.goto("/w/globex/delivery-logs?rcpt=example.com");
  await expect(page.getByText("acme.test")).toHaveCount(0);
});

test("on first visit the Delivery Logs hold the demo's seeded [Demo] traffic, each status with its timeline", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  const table = page.getByRole("table", { name: "Messages, newest first" });
  for (const [status, timeline] of [
    ["delivered", "delivered"],
    ["deferred", "deferred"],
    ["bounced", "550 5.1."],
    ["held", "held"],
  ] as const) {
    await page.goto(`/w/acme/delivery-logs?status=${status}`);
    const demo = table.getByRole("row").filter({ hasText: "[Demo] " });
    await expect(demo.first()).toBeVisible();
    await demo.first().getByRole("link").first().click();
    await expect(page.getByRole("list", { name: "Timeline" })).toContainText("accepted");
    await expect(page.getByRole("list", { name: "Timeline" })).toContainText(timeline);
  }
});
