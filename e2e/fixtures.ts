import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";

export const STACK_FILE = path.join(import.meta.dirname, "..", "test-results", "stack.json");

type StackInfo = { portalUrl: string; dataDir: string; databaseUrl: string; relayPort: number; relayCert: string; smtpHost: string };

export function stackInfo(): StackInfo {
  return JSON.parse(fs.readFileSync(STACK_FILE, "utf8")) as StackInfo;
}

export const DEMO_PASSWORD = process.env.DEV_IDP_PASSWORD ?? "rackwave-demo";

/** A browser console line that reports a Content-Security-Policy violation. */
const CSP_VIOLATION = /Content[ -]Security[ -]Policy/i;

export const test = base.extend({
  baseURL: async ({}, use) => use(stackInfo().portalUrl),
  // Every test's browser context fails on a CSP violation: a script or style the policy blocks
  // is a broken page (or an injection), never noise.
  context: async ({ context }, use) => {
    const violations: string[] = [];
    context.on("console", (message) => {
      if (CSP_VIOLATION.test(message.text())) violations.push(`${message.page()?.url() ?? "?"}: ${message.text()}`);
    });
    context.on("weberror", (error) => {
      if (CSP_VIOLATION.test(error.error().message)) violations.push(`${error.page()?.url() ?? "?"}: ${error.error().message}`);
    });
    await use(context);
    expect(violations, "Content-Security-Policy violations in the browser console").toEqual([]);
  },
});

/** Signs in through the embedded IdP, the way a person does. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, path = "/") {
  await page.goto(path);
  await page.getByRole("button", { name: "Sign in with Rackwave SSO" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export { expect };
