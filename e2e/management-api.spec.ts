// The management API against the running stack: the shell test (curl and python3 only) with a
// token made by `npm run api-token:create`; a token made on the portal's API tokens page, shown
// once and revocable; the API reference page under the portal's CSP; and no token in clear in
// the database file or the processes' logs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, signIn, stackInfo, test } from "./fixtures";

const tokensSeen: string[] = [];
const secretOf = (token: string) => token.slice("migo_".length + 13);

function createToken(label: string, scopes: string): { id: string; token: string } {
  const { dataDir, databaseUrl } = stackInfo();
  const run = spawnSync("npx", ["tsx", "scripts/create-api-token.ts", "--workspace", "acme", "--label", label, "--scopes", scopes], {
    encoding: "utf8",
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
  });
  expect(run.status, run.stderr).toBe(0);
  const created = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { id: string; token: string };
  expect(created.token).toMatch(/^migo_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
  tokensSeen.push(created.token);
  return created;
}

test("a shell script with curl and python3 creates an account, rotates its password once with a grace window, logs in to the relay with the new and the previous password, reads the login event and revokes its token", async () => {
  test.setTimeout(120_000);
  const { id, token } = createToken(`shell ${Date.now()}`, "read,credentials,admin");
  const info = stackInfo();
  const run = spawnSync("bash", [path.join(import.meta.dirname, "management-api.sh")], {
    encoding: "utf8",
    timeout: 90_000,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      MIGO_URL: info.portalUrl,
      MIGO_WORKSPACE: "acme",
      MIGO_TOKEN: token,
      MIGO_TOKEN_ID: id,
      MIGO_SMTP_HOST: info.smtpHost,
      MIGO_SMTP_PORT: String(info.relayPort),
      MIGO_CA_FILE: info.relayCert,
      MIGO_FROM: "shell@acme.test",
    },
  });
  console.log(run.stdout, run.stderr);
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  expect(run.stdout).toContain("relay AUTH: 235");
  expect(run.stdout).toContain("the previous password still works during the grace window");
  expect(run.stdout).toMatch(/revoked: 401/);
  expect(run.stdout + run.stderr).not.toContain(secretOf(token));
});

test("an admin creates a token on the API tokens page, sees it once, uses it, and revokes it", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "admin@acme.test");
  await expect(page).toHaveURL(/\/w\//);
  await page.goto("/w/acme/settings/api-tokens");
  const label = `ui token ${Date.now()}`;
  await page.getByLabel("Label").fill(label);
  await page.getByRole("checkbox", { name: /^admin/ }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("new-api-token");
  await expect(shown).toHaveText(/^migo_/);
  const token = (await shown.textContent())!.trim();
  tokensSeen.push(token);

  const api = `${stackInfo().portalUrl}/api/v1/workspaces/acme`;
  const listed = await page.request.get(`${api}/smtp-accounts`, { headers: { authorization: `Bearer ${token}` } });
  expect(listed.status()).toBe(200);
  const forbidden = await page.request.post(`${api}/smtp-accounts/x/credentials/reveal`, { headers: { authorization: `Bearer ${token}` } });
  expect(forbidden.status()).toBe(403);
  expect(forbidden.headers()["content-type"]).toBe("application/problem+json");

  await page.getByRole("button", { name: "I have stored it" }).click();
  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0);
  const row = page.getByRole("row", { name: new RegExp(label) });
  await expect(row).toContainText("read admin");
  await expect(row).not.toContainText("Never used");
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: `Revoke ${label}` }).click();
  await expect(row).toContainText("Revoked");
  expect((await page.request.get(`${api}/smtp-accounts`, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});

test("the API reference page renders the OpenAPI document under the portal's CSP", async ({ page }) => {
  await signIn(page, "viewer@acme.test");
  await expect(page).toHaveURL(/\/w\//);
  await page.goto("/api-reference");
  await expect(page.getByRole("heading", { name: "MigoSMTP management API", level: 1 })).toBeVisible();
  await expect(page.getByText("Reset an account's password (the old one stops working at once)")).toBeVisible();
  const csp = (await page.request.get("/api-reference")).headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).not.toContain("unsafe-inline");
});

test("no token appears in clear in the database file or the stack's logs", () => {
  expect(tokensSeen.length).toBeGreaterThan(0);
  const { dataDir, databaseUrl } = stackInfo();
  const file = databaseUrl.replace(/^file:/, "");
  const database = [file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f).toString("latin1")).join("");
  const logs = fs.readFileSync(path.join(dataDir, "stack.log"), "utf8");
  expect(logs.length).toBeGreaterThan(0);
  for (const token of tokensSeen) {
    expect(database).not.toContain(secretOf(token));
    expect(logs).not.toContain(secretOf(token));
  }
});
