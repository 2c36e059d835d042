// Helpers of the delivery-log and compromise specs: create an account in the UI and read its
// credentials; send with curl to a chosen recipient, optionally from another loopback address.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";
import { submitCreateAccount } from "./create-account";
import { readCredential } from "./credentials-dialog";
import { caFile } from "./smtp-clients";

export async function createAccountAndRead(page: Page, label: string, from: string) {
  await page.goto("/w/acme/smtp-accounts");
  await submitCreateAccount(page, label, from);
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("SMTP Password", { exact: true })).toBeVisible();
  const value = (name: string) => readCredential(dialog, name);
  const creds = { username: await value("SMTP Username"), password: await value("SMTP Password"), port: (await value("SMTP Port")).split(" ")[0]! };
  return { ...creds, dialog };
}

/** curl over STARTTLS with a chosen recipient, subject and source address (127.0.0.x). */
export function curlSendTo(o: { port: string; username: string; password: string; from: string; to: string; subject: string; bind?: string }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migosmtp-curl-"));
  const netrc = path.join(dir, "netrc");
  fs.writeFileSync(netrc, `machine localhost login ${o.username} password ${o.password}\n`, { mode: 0o600 });
  const message = `From: ${o.from}\r\nTo: ${o.to}\r\nSubject: ${o.subject}\r\n\r\nHello.\r\n`;
  try {
    const args = ["--silent", "--show-error", "--ssl-reqd", `smtp://localhost:${o.port}`, "--mail-from", o.from, "--mail-rcpt", o.to, "--upload-file", "-", "--cacert", caFile(), "--netrc-file", netrc];
    if (o.bind) args.push("--interface", o.bind, "--resolve", `localhost:${o.port}:127.0.0.1`);
    const r = spawnSync("curl", args, { input: message, encoding: "utf8", timeout: 30_000 });
    return { status: r.status, stderr: r.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
