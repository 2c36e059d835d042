// The suppression list in Chromium: an admin sees the seeded entries, searches, adds an address,
// imports a file and reads the report of its rejected lines, exports the list, and removes an
// entry behind a dialog that names it; the page passes axe; a developer gets the not-found page
// and no nav link.
import AxeBuilder from "@axe-core/playwright";
import { expect, signIn, test } from "./fixtures";

test("an admin searches, adds, imports, exports and removes suppressed addresses", async ({ page }) => {
  test.setTimeout(90_000);
  const tag = Date.now().toString(36);
  await signIn(page, "admin@acme.test");
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Suppression list" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Suppression list" })).toBeVisible();
  const table = page.getByRole("region", { name: "Suppressed addresses" });
  await expect(table.getByRole("rowheader", { name: "old.address@example.net" })).toBeVisible();

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // Add: validated, normalised, then listed.
  const add = page.getByRole("form", { name: "Add an address" });
  await add.getByLabel("Email address").fill(`Person.${tag}@Example.COM`);
  await add.getByLabel("Note").fill("asked us to stop");
  await add.getByRole("button", { name: "Add address" }).click();
  await expect(table.getByRole("rowheader", { name: `person.${tag}@example.com` })).toBeVisible();
  await add.getByLabel("Email address").fill(`person.${tag}@example.com`);
  await add.getByRole("button", { name: "Add address" }).click();
  await expect(add.getByRole("alert")).toContainText("already on the suppression list");

  // Import: a report of what was added, already there, and rejected (with line numbers).
  const imp = page.getByRole("form", { name: "Import a CSV file" });
  await imp.getByLabel("CSV file").setInputFiles({
    name: "old-provider.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`email,note\nimported.${tag}@example.org,from the old provider\nnot an address\nperson.${tag}@example.com\n`),
  });
  await imp.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 added, 1 already on the list, 1 rejected." })).toBeVisible();
  const rejected = page.getByRole("region", { name: "Rejected lines" });
  await expect(rejected.getByRole("row").nth(1)).toContainText("3");
  await expect(rejected.getByRole("row").nth(1)).toContainText("not an address");

  // Search by part of the address; the export takes the same search.
  const search = page.getByRole("search", { name: "Search the suppression list" });
  await search.getByLabel("Address contains").fill(tag);
  await search.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  await expect(table.getByRole("row")).toHaveCount(3);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = await (await download).createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString();
  });
  expect(csv.split("\r\n")[0]).toBe("address,detail,reason,message_id,created_at");
  expect(csv).toContain(`imported.${tag}@example.org,from the old provider,import,`);
  expect(csv).not.toContain("old.address@example.net");

  // Remove: the dialog names the address; Cancel keeps it.
  await table.getByRole("button", { name: `Remove person.${tag}@example.com` }).click();
  const dialog = page.getByRole("dialog", { name: `Remove person.${tag}@example.com from the suppression list?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await table.getByRole("button", { name: `Remove person.${tag}@example.com` }).click();
  await dialog.getByRole("button", { name: `Remove person.${tag}@example.com` }).click();
  await expect(table.getByRole("rowheader", { name: `person.${tag}@example.com` })).toHaveCount(0);
});

test("a developer has no suppression list: no nav link, and the page is not found", async ({ page }) => {
  await signIn(page, "developer@acme.test");
  await expect(page.getByRole("heading", { name: "SMTP Accounts" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Suppression list" })).toHaveCount(0);
  const response = await page.goto("/w/acme/suppressions");
  expect(response?.status()).toBe(404);
});
