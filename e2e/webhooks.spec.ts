// The Webhooks page as an admin: an endpoint added with its signing secret shown once, a test
// event the local receiver verifies with the Standard Webhooks library, the delivery log with
// Replay (the same webhook-id again), and axe on the page; viewers cannot open it.
import AxeBuilder from "@axe-core/playwright";
import { startWebhookReceiver, type WebhookReceiver } from "../lib/webhooks/testing/receiver";
import { expect, signIn, test } from "./fixtures";

let receiver: WebhookReceiver;

test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
});

test.afterAll(async () => {
  await receiver?.close();
});

const serious = async (page: import("@playwright/test").Page) =>
  (await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);

test("an admin adds an endpoint, copies its secret once, sends a test event and replays it under the same id", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "admin@acme.test");
  await expect(page).toHaveURL(/\/w\//);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();

  const url = receiver.url(`/ui-${Date.now()}`);
  await page.getByLabel("Endpoint URL").fill(url);
  await page.getByRole("checkbox", { name: /^message\.accepted/ }).check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const shown = page.getByTestId("webhook-secret");
  await expect(shown).toHaveText(/^whsec_/);
  const secret = (await shown.textContent())!.trim();
  await page.getByRole("button", { name: "I have stored it" }).click();
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);

  const row = page.getByRole("row", { name: new RegExp(url.replace(/[.?]/g, "\\$&")) });
  await expect(row).toContainText("message.accepted message.delivered message.bounced");
  await row.getByRole("button", { name: `Send a test event to ${url}` }).click();
  await expect(page.getByText("Test event delivered (HTTP 200)")).toBeVisible();
  const path = new URL(url).pathname;
  const [test1] = receiver.verified(path, secret);
  expect(test1).toMatchObject({ type: "webhook.test", workspace: { slug: "acme" } });

  await row.getByRole("link", { name: `Delivery log of ${url}` }).click();
  const log = page.getByRole("region", { name: `Deliveries to ${url}` });
  const entry = log.getByRole("row", { name: new RegExp(test1!.id) });
  await expect(entry).toContainText("Delivered");
  await expect(entry).toContainText("HTTP 200");
  expect(await serious(page)).toEqual([]);
  await entry.getByRole("button", { name: `Replay ${test1!.id}` }).click();
  await expect(page.getByText("Replayed: HTTP 200")).toBeVisible();
  await expect.poll(() => receiver.verified(path, secret).map((e) => e.webhookId)).toEqual([test1!.id, test1!.id]);
  await expect(entry).toContainText("2");

  // Edit: subscribe to rejected messages too, and keep only final states.
  await row.locator("summary", { hasText: "Edit" }).click();
  const edit = page.getByRole("form", { name: `Edit ${url}` });
  await edit.getByRole("checkbox", { name: /^message\.rejected/ }).check();
  await edit.getByRole("checkbox", { name: /^Final state only/ }).check();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Endpoint saved")).toBeVisible();
  await expect(row).toContainText("message.rejected");
  await expect(row).toContainText("final state only");

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: `Delete ${url}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(url.replace(/[.?]/g, "\\$&")) })).toHaveCount(0);
});

test("a viewer has no Webhooks link and the page is not found for them", async ({ page }) => {
  await signIn(page, "viewer@acme.test");
  await expect(page).toHaveURL(/\/w\//);
  await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  const response = await page.goto("/w/acme/webhooks");
  expect(response?.status()).toBe(404);
});
