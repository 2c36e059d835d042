import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, signIn, stackInfo, test } from "./fixtures";
import { curlSend, pythonLogin } from "./smtp-clients";
import { openCredentialsPanel, readCredential } from "./credentials-dialog";
import { submitCreateAccount } from "./create-account";
import { openRowMenu } from "./row-menu";

const LABELS = ["SMTP Host", "SMTP Port", "SMTP Username", "SMTP Password", "Encryption", "From Email"] as const;

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

async function readValues(dialog: ReturnType<Page["getByRole"]>) {
  const values: Record<string, string> = {};
  for (const label of LABELS) values[label] = await readCredential(dialog, label);
  return values;
}

test("an admin opens the credentials panel from the eye icon, copies each value, and real SMTP clients authenticate with them", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  const dialog = await openCredentialsPanel(page, "Transactional mail");
  const values = await readValues(dialog);
  expect(values["SMTP Host"]).toBe("localhost");
  expect(values["SMTP Username"]).toMatch(/^smtpuser_[0-9a-f]{8}$/);
  expect(values["SMTP Password"]).toMatch(/^[A-Za-z0-9]{32}$/);
  expect(values["Encryption"]).toBe("TLS / STARTTLS");
  expect(values["From Email"]).toBe("noreply@acme.test");
  const port = values["SMTP Port"]!.split(" ")[0]!;

  for (const label of LABELS) {
    await dialog.getByRole("button", { name: `Copy ${label}` }).click();
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    expect(clipboard).toBe(label === "SMTP Port" ? port : values[label]);
  }
  await expect(dialog).toContainText(/Revealed \d+ times?, last by admin@acme\.test/);

  expect(pythonLogin("localhost", port, values["SMTP Username"]!, values["SMTP Password"]!)).toMatch(/^235 2\.7\.0 Authentication successful/);
  const curl = curlSend(port, values["SMTP Username"]!, values["SMTP Password"]!, values["From Email"]!);
  expect(curl.stderr).toBe("");
  expect(curl.status).toBe(0);
});

test("after Reset Password the old password gets 535 and the new one 235", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  const label = `Reset check ${Date.now()}`;
  await submitCreateAccount(page, label, "reset-check@acme.test");
  let dialog = page.getByRole("dialog");
  const before = await readValues(dialog);
  const port = before["SMTP Port"]!.split(" ")[0]!;
  expect(pythonLogin("localhost", port, before["SMTP Username"]!, before["SMTP Password"]!)).toMatch(/^235 /);
  await dialog.getByRole("button", { name: "Close" }).click();

  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });
  await openRowMenu(page, row.getByRole("button", { name: `Actions for ${label}` }));
  await page.getByRole("menuitem", { name: "Reset Password" }).click();
  dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("The current password stops working immediately for every application using it; there is no overlap.");
  await dialog.getByRole("button", { name: "Reset password now" }).click();
  await expect(dialog).toContainText("update it in every application");
  const after = await readValues(dialog);
  expect(after["SMTP Username"]).toBe(before["SMTP Username"]);
  expect(after["SMTP Password"]).not.toBe(before["SMTP Password"]);

  expect(pythonLogin("localhost", port, before["SMTP Username"]!, before["SMTP Password"]!)).toMatch(/^535 5\.7\.8 Authentication credentials invalid/);
  expect(pythonLogin("localhost", port, after["SMTP Username"]!, after["SMTP Password"]!)).toMatch(/^235 2\.7\.0 Authentication successful/);
});

test("a revealed password is found nowhere but the panel: not in the page HTML, the URL, the client bundle, the database file or the logs", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  const dialog = await openCredentialsPanel(page, "Billing system");
  const password = (await readValues(dialog))["SMTP Password"]!;
  expect(page.url()).not.toContain(password);

  const html = await (await page.request.get("/w/acme/smtp-accounts")).text();
  expect(html).toContain("Billing system");
  expect(html).not.toContain(password);

  const { dataDir } = stackInfo();
  for (const file of ["migosmtp.db", "migosmtp.db-wal"]) {
    const p = path.join(dataDir, file);
    if (fs.existsSync(p)) expect(fs.readFileSync(p).includes(Buffer.from(password)), file).toBe(false);
  }
  expect(fs.readFileSync(path.join(dataDir, "stack.log"), "utf8")).not.toContain(password);
  const staticDir = path.join(import.meta.dirname, "..", ".next", "static");
  for (const file of fs.readdirSync(staticDir, { recursive: true }) as string[]) {
    const p = path.join(staticDir, file);
    if (fs.statSync(p).isFile()) expect(fs.readFileSync(p).includes(Buffer.from(password)), file).toBe(false);
  }
});

test("a label with HTML renders as text", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  const label = `<img src=x onerror="window.__xss=1">${Date.now()}`;
  await submitCreateAccount(page, label, "*@acme.test");
  await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("rowheader", { name: label, exact: true })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test("a From address outside the verified domains is refused naming the field", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await submitCreateAccount(page, "Wrong domain", "someone@globex.test");
  await expect(page.getByRole("form", { name: "Create SMTP account" }).getByRole("alert")).toContainText("from: globex.test is not a verified domain of this workspace");
});

test("a viewer sees the accounts but no way to view credentials", async ({ page }) => {
  await signIn(page, "viewer@acme.test");
  await expect(page.getByRole("rowheader", { name: "Transactional mail" })).toBeVisible();
  await expect(page.getByRole("link", { name: "View Credentials" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Actions for/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Create account" })).toHaveCount(0);
});

test("a domain-wide account's From Email shows and copies a usable address, with 'any address at' its domain as help", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  const dialog = await openCredentialsPanel(page, "Billing system");
  const row = dialog.locator(`dt:text-is("From Email") + dd`);
  await expect(row).toContainText("yourname@acme.test");
  await expect(row).toContainText("any address at acme.test");
  await dialog.getByRole("button", { name: "Copy From Email" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("yourname@acme.test");
});
