// Anomaly alerts in the portal (#18), on the demo seed's alerts of Acme: listed on the overview
// with links to their evidence, acknowledged by an admin in one click, and the rules tuned by
// the owner on Settings (audited). The relay side is relay/alerts.integration.test.ts.
import { queryOne } from "./db";
import { expect, signIn, test } from "./fixtures";

test("the overview lists the relay's alerts with links to their evidence, and a viewer cannot acknowledge them", async ({ page }) => {
  await signIn(page, "viewer@acme.test");
  await page.goto("/w/acme/overview");
  const alerts = page.getByRole("region", { name: "Alerts" });
  const alert = alerts.getByRole("listitem").filter({ hasText: "signed in from a new network" });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole("link", { name: "Delivery Logs" })).toHaveAttribute("href", /\/w\/acme\/delivery-logs\?.*account=.*ip=203\.0\.113\.45/);
  await expect(alert.getByRole("link", { name: "Login events" })).toBeVisible();
  await expect(alerts.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  await expect(alerts.getByRole("group", { name: "Email me about" })).toBeVisible();
});

test("an admin acknowledges an alert in one click", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await page.goto("/w/acme/overview");
  const alert = page.getByRole("region", { name: "Alerts" }).getByRole("listitem").filter({ hasText: "bounced or were rejected" });
  await alert.getByRole("button", { name: "Acknowledge" }).click();
  await expect(alert).toContainText("Acknowledged");
  await expect(alert.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
});

test("the owner tunes an alert rule on Settings, and the change is audited", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/w/acme/settings");
  const form = page.getByRole("form", { name: "Sending spike" });
  await form.getByLabel(/^Minimum/).fill("150");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Sending spike rule saved")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("form", { name: "Sending spike" }).getByLabel(/^Minimum/)).toHaveValue("150");
  const audit = queryOne<{ n: number }>(
    "SELECT COUNT(*) AS n FROM AuditEvent e JOIN Workspace w ON w.id = e.workspaceId WHERE w.slug = 'acme' AND e.action = 'alert.rule_change' AND e.targetId = 'send_spike'",
  );
  expect(audit.n).toBeGreaterThan(0);
});
