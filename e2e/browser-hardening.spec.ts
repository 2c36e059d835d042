// Response headers every page carries (nonce CSP, no framing, no sniffing, referrer policy),
// server actions refused without a same-origin Origin, an unknown account answered 404, and the
// return path after sign-in kept on the portal (HTTP level and as the browser resolves it).
import { type APIResponse, type Page } from "@playwright/test";
import { actionId } from "../stack/server-actions";
import { expect, signIn, stackInfo, test } from "./fixtures";

function expectHardened(res: APIResponse | { headers(): Record<string, string> }, what: string) {
  const h = res.headers();
  const csp = h["content-security-policy"] ?? "";
  expect(csp, `${what}: CSP`).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=_-]{16,}'/);
  expect(csp, `${what}: CSP`).not.toMatch(/script-src [^;]*'unsafe-inline'/);
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: CSP`).toContain("object-src 'none'");
  expect(h["x-content-type-options"], `${what}: nosniff`).toBe("nosniff");
  expect(h["referrer-policy"], `${what}: Referrer-Policy`).toBeTruthy();
}

/** Same-origin links of the page, as paths (downloads and sign-out excluded). */
async function linksOf(page: Page): Promise<string[]> {
  const origin = new URL(stackInfo().portalUrl).origin;
  const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  return hrefs
    .map((h) => new URL(h))
    .filter((u) => u.origin === origin && !u.pathname.startsWith("/api/"))
    .map((u) => `${u.pathname}${u.search}`);
}

test("every page the owner can reach answers with the security headers and renders under the CSP", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "owner@acme.test");
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts$/);
  const seen = new Set<string>();
  const queue = ["/w/acme/smtp-accounts", "/help/smtp-credentials", "/w/acme/smtp-accounts/no-such-account", "/w/nowhere/domains"];
  const nonces = new Set<string>();
  while (queue.length > 0 && seen.size < 30) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const res = await page.goto(path);
    expect(res, path).not.toBeNull();
    expectHardened(res!, path);
    nonces.add(/'nonce-([^']+)'/.exec(res!.headers()["content-security-policy"]!)![1]!);
    for (const link of await linksOf(page)) if (!seen.has(link) && !link.includes("signin")) queue.push(link);
  }
  expect(seen.size).toBeGreaterThan(8);
  expect(nonces.size, "a fresh nonce for every response").toBe(seen.size);
});

test("the sign-in page, redirects and not-found answers carry the headers too", async ({ playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: stackInfo().portalUrl });
  for (const path of ["/signin", "/signin?callbackUrl=%2Fw%2Facme", "/w/acme/smtp-accounts", "/"]) {
    const res = await anonymous.get(path, { maxRedirects: 0 });
    expectHardened(res, path);
  }
  const health = await anonymous.get("/api/health");
  expect(health.headers()["x-content-type-options"]).toBe("nosniff");
  await anonymous.dispose();
});

test("TRACE and a method an API path does not take are answered 405, and an address with a NUL character or a malformed percent-encoding 400, saying why, never a server error", async ({ playwright, page }) => {
  const anonymous = await playwright.request.newContext({ baseURL: stackInfo().portalUrl });
  for (const path of ["/", "/signin", "/api/health"]) {
    const res = await anonymous.fetch(path, { method: "TRACE", maxRedirects: 0 });
    expect(res.status(), `TRACE ${path}`).toBe(405);
    expect(res.headers().allow).toContain("GET");
  }
  await anonymous.dispose();
  await signIn(page, "admin@acme.test");
  for (const path of ["/w/acme/smtp-accounts?q=a%00b", "/w/acme/delivery-logs?account=x%00", "/api/w/acme/delivery-logs/export?status=%00"]) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(400);
    expect(await res.text()).toContain("NUL character");
  }
  // A path that is not UTF-8 once decoded: once a plain-text 500 from Next.js, with nothing logged.
  for (const path of ["/w/acme/smtp-accounts/%E0%A4%A", "/w/acme/smtp-accounts/%FF"]) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(400);
    expect(await res.text()).toContain("malformed percent-encoding");
  }
  const api = await page.request.get("/api/v1/workspaces/acme/messages/%C0%AF", { maxRedirects: 0 });
  expect(api.status()).toBe(400);
  expect(api.headers()["content-type"]).toBe("application/problem+json");
  expect(await api.json()).toMatchObject({ status: 400, code: "INVALID_INPUT", detail: expect.stringContaining("malformed percent-encoding") });
  // A method an API path does not take: problem details like every other API error, not Next.js's empty 405.
  const put = await page.request.fetch("/api/v1/workspaces/acme/smtp-accounts", { method: "PUT", maxRedirects: 0 });
  expect(put.status()).toBe(405);
  expect(put.headers()["content-type"]).toBe("application/problem+json");
  expect(await put.json()).toMatchObject({ status: 405, detail: expect.stringContaining("does not take PUT") });
  expect(put.headers().allow).toBe("GET, POST, HEAD, OPTIONS");
  const options = await page.request.fetch("/api/v1/workspaces/acme/messages/export", { method: "OPTIONS", maxRedirects: 0 });
  expect(options.headers().allow).toBe("GET, HEAD, OPTIONS");
});

test("an unknown account in one's own workspace is answered 404 Not found", async ({ page }) => {
  await signIn(page, "admin@acme.test");
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts$/);
  for (const id of ["bogus", "cm0000000000000000000000", "x".repeat(64)]) {
    const res = await page.goto(`/w/acme/smtp-accounts/${id}`);
    expect(res?.status(), id).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
});

test("a server action without an Origin header, or from another origin, is refused and does not run", async ({ page, baseURL }) => {
  await signIn(page, "admin@acme.test");
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts$/);
  const label = `No-origin ${Date.now()}`;
  const headers = { "Next-Action": actionId("createAccountAction"), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" };
  const data = JSON.stringify([{ workspace: "acme", label, from: "no-origin@acme.test" }]);
  const origins: Record<string, string>[] = [{}, { Origin: "null" }, { Origin: "http://evil.example" }, { Origin: baseURL!.replace("localhost", "127.0.0.1") }];
  for (const extra of origins) {
    const res = await page.request.post(`${baseURL}/w/acme/smtp-accounts`, { headers: { ...headers, ...extra }, data, maxRedirects: 0 });
    expect(res.status(), JSON.stringify(extra)).toBe(403);
    expect(await res.text()).not.toContain('"ok":true');
  }
  await page.goto("/w/acme/smtp-accounts");
  await expect(page.getByRole("table", { name: "SMTP accounts" })).toBeVisible();
  await expect(page.getByText(label)).toHaveCount(0);
});

// Task: /signin?callbackUrl=%2F.%2F%2Fevil.example answered 307 Location: //evil.example.
const HOSTILE_RETURN_PATHS = [
  "/.//evil.example",
  "/./\\evil.example",
  "//evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/..//evil.example",
  "/%2e//evil.example",
  "/\t/evil.example",
  "http://evil.example/",
  "http://localhost:1/",
  "javascript:alert(1)",
  "http://localhost@evil.example/",
];

test("a signed-in visit to /signin with a hostile callbackUrl is redirected within the portal", async ({ page, baseURL }) => {
  await signIn(page, "viewer@acme.test");
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts$/);
  const origin = new URL(baseURL!).origin;
  for (const hostile of HOSTILE_RETURN_PATHS) {
    const res = await page.request.get(`/signin?callbackUrl=${encodeURIComponent(hostile)}`, { maxRedirects: 0 });
    expect(res.status(), hostile).toBe(307);
    const location = res.headers()["location"]!;
    expect(new URL(location, baseURL).origin, `${hostile} -> ${location}`).toBe(origin);
    // …and as the browser itself resolves it.
    expect(await page.evaluate((l) => new URL(l, window.location.href).origin, location), `${hostile} -> ${location}`).toBe(origin);
  }
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/.//evil.example")}`);
  expect(new URL(page.url()).origin).toBe(origin);
});
