// The compromised-credentials workflow from the account page: review the window (a new client
// address and a new recipient domain flagged, zero replaced-version sends), then Report
// compromise resets, holds the queued message (never delivered), and mails support (in the sink).
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { expect, signIn, stackInfo, test } from "./fixtures";
import { createAccountAndRead, curlSendTo } from "./log-helpers";
import { queryOne } from "./db";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

/** A message waiting for a retry far in the future (the worker will not claim it before the hold). */
function insertDeferredMessage(workspaceSlug: string, accountId: string): string {
  const db = new Database(stackInfo().databaseUrl.replace(/^file:/, ""), { fileMustExist: true, timeout: 10_000 });
  try {
    const ws = db.prepare("SELECT id FROM Workspace WHERE slug = ?").get(workspaceSlug) as { id: string };
    const id = `e2e${randomBytes(8).toString("hex")}`;
    const now = new Date().toISOString().replace("Z", "+00:00");
    const later = new Date(Date.now() + 3600_000).toISOString().replace("Z", "+00:00");
    db.prepare(
      `INSERT INTO Message (id, workspaceId, accountId, passwordVersion, clientIp, envelopeFrom, subject, sizeBytes, recipientCount, firstRecipient, raw, status, attemptCount, nextAttemptAt, createdAt)
       VALUES (?, ?, ?, 1, '127.0.0.1', 'incident@acme.test', 'waiting', 10, 1, 'wait@later.example', ?, 'deferred', 1, ?, ?)`,
    ).run(id, ws.id, accountId, Buffer.from("Subject: waiting\r\n\r\nx"), later, now);
    return id;
  } finally {
    db.close();
  }
}

test("review flags a new client address and recipient domain; Report compromise resets, holds and mails support", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  const label = `Incident check ${Date.now()}`;
  const acct = await createAccountAndRead(page, label, "incident@acme.test");
  await acct.dialog.getByRole("button", { name: "Copy SMTP Password" }).click();
  await acct.dialog.getByRole("button", { name: "Close" }).click();
  const accountId = queryOne<{ id: string }>("SELECT id FROM SmtpAccount WHERE label = ?", label).id;

  expect(curlSendTo({ ...acct, from: "incident@acme.test", to: "friend@usual.example", subject: "before" }).status).toBe(0);
  await expect.poll(() => queryOne<{ n: number }>("SELECT COUNT(*) AS n FROM Message WHERE accountId = ?", accountId).n).toBe(1);
  const windowStart = new Date(Date.now() + 1000);
  await expect.poll(() => Date.now() > windowStart.getTime() + 50).toBe(true);
  const sent = curlSendTo({ ...acct, from: "incident@acme.test", to: "mark@stranger.example", subject: "during", bind: "127.0.0.2" });
  expect(sent.stderr).toBe("");
  expect(sent.status).toBe(0);

  // The relay writes successful logins in short batches: reload until this one is there.
  await expect
    .poll(async () => {
      await page.goto(`/w/acme/smtp-accounts/${accountId}`);
      return page.getByRole("table", { name: "SMTP login events, newest first" }).innerText();
    })
    .toContain("127.0.0.2");
  await page.goto(`/w/acme/delivery-logs?account=${accountId}&review=1&from=${encodeURIComponent(windowStart.toISOString())}`);
  const summary = page.getByLabel("Review summary");
  await expect(summary).toContainText("Messages in window1");
  await expect(summary).toContainText("Flagged1");
  await expect(summary).toContainText("Sent with a replaced password0");
  const findings = page.getByRole("list", { name: "Findings" });
  await expect(findings).toContainText("Client IPs new to this account: 127.0.0.2");
  await expect(findings).toContainText("Recipient domains new to this account: stranger.example");
  const row = page.getByRole("table", { name: "Messages, newest first" }).getByRole("row").nth(1);
  await expect(row).toContainText("new IP");
  await expect(row).toContainText("new recipient domain");

  const waiting = insertDeferredMessage("acme", accountId);
  await page.goto(`/w/acme/smtp-accounts/${accountId}`);
  await page.getByRole("button", { name: "Report compromise" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reset, hold and report" }).click();
  await expect(page.getByRole("dialog").getByRole("status")).toContainText("Password reset, 1 message held, and the summary sent to");
  await expect(page.getByTestId("toast")).toContainText(`Compromise of ${label} reported: password reset, 1 message held`);
  expect(queryOne<{ status: string }>("SELECT status FROM Message WHERE id = ?", waiting).status).toBe("held");
  expect(queryOne<{ passwordVersion: number }>("SELECT passwordVersion FROM SmtpAccount WHERE id = ?", accountId).passwordVersion).toBe(2);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("region", { name: "Open incident" })).toContainText("1 message held");

  // The support email reaches the sink; the held message never does.
  const sink = path.join(stackInfo().dataDir, "sink");
  await expect
    .poll(() => fs.readdirSync(sink).filter((f) => f.endsWith(".eml")).some((f) => fs.readFileSync(path.join(sink, f), "utf8").includes(`Account: ${label} (`)), { timeout: 20_000 })
    .toBe(true);
  const supportFile = fs.readdirSync(sink).find((f) => fs.readFileSync(path.join(sink, f), "utf8").includes(`Account: ${label} (`))!;
  const body = fs.readFileSync(path.join(sink, supportFile), "utf8");
  expect(body).toContain("support@rackwave.test");
  expect(body).toContain("stranger.example");
  expect(fs.existsSync(path.join(sink, `${waiting}.eml`))).toBe(false);
  expect(queryOne<{ status: string }>("SELECT status FROM Message WHERE id = ?", waiting).status).toBe("held");

  // The audit log names the admin for each step.
  await page.goto(`/w/acme/audit-log?account=${accountId}`);
  const audit = page.getByRole("table", { name: "Audit events, newest first" });
  for (const action of ["credentials.copy", "credentials.reset", "incident.report", "incident.hold_messages"]) {
    await expect(audit.getByRole("row").filter({ hasText: action }).first()).toContainText("admin@acme.test");
  }

  // Delete the held message, after a confirmation that names it; then close the incident: the banner goes.
  await page.goto(`/w/acme/smtp-accounts/${accountId}`);
  const banner = page.getByRole("region", { name: "Open incident" });
  await banner.getByRole("button", { name: "Delete held messages" }).click();
  const confirm = page.getByRole("dialog", { name: `Delete 1 held message of ${label}?` });
  await confirm.getByRole("button", { name: "Delete 1 message" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Deleted 1 held message of ${label}` })).toBeVisible();
  await expect(banner).toContainText("0 messages held");
  expect(queryOne<{ n: number }>("SELECT COUNT(*) AS n FROM Message WHERE id = ?", waiting).n).toBe(0);
  await banner.getByRole("button", { name: "Close incident" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Incident of ${label} closed` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Open incident" })).toHaveCount(0);
});
