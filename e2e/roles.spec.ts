import { expect, signIn, test } from "./fixtures";

test("each role sees exactly what it may do", async ({ browser }) => {
  const expectations = [
    { email: "viewer@acme.test", viewCredentials: false, create: false, members: false },
    { email: "developer@acme.test", viewCredentials: false, create: false, members: false },
    { email: "admin@acme.test", viewCredentials: true, create: true, members: false },
    { email: "owner@acme.test", viewCredentials: true, create: true, members: true },
  ];
  for (const e of expectations) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, e.email);
    await expect(page.getByRole("rowheader", { name: "Transactional mail" })).toBeVisible();
    // Other tests add accounts to Acme: count "some", not an exact number.
    expect((await page.getByRole("link", { name: "View Credentials" }).count()) > 0, e.email).toBe(e.viewCredentials);
    await expect(page.getByRole("link", { name: "Create account" }), e.email).toHaveCount(e.create ? 1 : 0);
    await expect(page.getByRole("link", { name: "Members" }), e.email).toHaveCount(e.members ? 1 : 0);
    const members = await page.goto("/w/acme/members");
    expect(members?.status(), e.email).toBe(e.members ? 200 : 404);
    await context.close();
  }
});

test("a demoted member loses access on their next click, and a removed one is shown not found", async ({ browser }) => {
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signIn(owner, "owner@acme.test");
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin@acme.test");
  await expect(admin.getByRole("link", { name: "View Credentials" }).first()).toBeVisible();

  await owner.goto("/w/acme/members");
  const roleSelect = owner.getByLabel("Role of admin@acme.test");
  try {
    await roleSelect.selectOption("viewer");
    await expect.poll(async () => (await admin.reload(), await admin.getByRole("link", { name: "View Credentials" }).count())).toBe(0);
  } finally {
    await owner.reload();
    await owner.getByLabel("Role of admin@acme.test").selectOption("admin");
  }
  await expect.poll(async () => (await admin.reload(), await admin.getByRole("link", { name: "View Credentials" }).count())).toBeGreaterThan(0);

  // Removal, then re-invitation honoured at the next sign-in (the IdP asserts email_verified).
  // A click before the reloaded page hydrates does nothing: click until the member is gone.
  owner.on("dialog", (d) => void d.accept());
  const remove = owner.getByRole("button", { name: "Remove developer@acme.test" });
  await expect(async () => {
    if (await remove.count()) await remove.click({ timeout: 2000 });
    await expect(remove).toHaveCount(0, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  const devContext = await browser.newContext();
  const dev = await devContext.newPage();
  await signIn(dev, "developer@acme.test");
  await expect(dev.getByRole("heading", { name: "No workspace yet" })).toBeVisible();
  await owner.getByRole("form", { name: "Invite a member" }).getByLabel("Email").fill("developer@acme.test");
  await owner.getByRole("form", { name: "Invite a member" }).getByLabel("Role").selectOption("developer");
  await owner.getByRole("button", { name: "Invite" }).click();
  await expect(owner.getByRole("status")).toContainText("Invited developer@acme.test");
  const again = await browser.newContext();
  const devAgain = await again.newPage();
  await signIn(devAgain, "developer@acme.test");
  await expect(devAgain).toHaveURL(/\/w\/acme\/smtp-accounts$/);
  for (const c of [ownerContext, adminContext, devContext, again]) await c.close();
});

test("the last owner can be neither demoted nor removed", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/w/acme/members");
  await page.getByLabel("Role of owner@acme.test").selectOption("admin");
  await expect(page.getByRole("alert").filter({ hasText: "last owner" })).toBeVisible();
  // The refused change is not shown as made: the role goes back to what it still is.
  await expect(page.getByLabel("Role of owner@acme.test")).toHaveValue("owner");
});

test("an absolute return URL after sign-in is ignored", async ({ page }) => {
  await page.goto("/signin?callbackUrl=https%3A%2F%2Fevil.test%2Fphish");
  await page.getByRole("button", { name: "Sign in with Rackwave SSO" }).click();
  await page.getByLabel("Email").fill("viewer@acme.test");
  await page.getByLabel("Password").fill(process.env.DEV_IDP_PASSWORD ?? "rackwave-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/w\/acme\/smtp-accounts$/);
  expect(new URL(page.url()).hostname).toBe("localhost");
});

test("a member of two workspaces switches between them from the sidebar", async ({ browser }) => {
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signIn(owner, "owner@acme.test");
  await owner.goto("/w/acme/members");
  const invite = owner.getByRole("form", { name: "Invite a member" });
  await invite.getByLabel("Email").fill("admin@globex.test");
  await invite.getByLabel("Role").selectOption("viewer");
  await invite.getByRole("button", { name: "Invite" }).click();
  await expect(owner.getByRole("status")).toContainText("Invited admin@globex.test");

  const globexContext = await browser.newContext();
  const globex = await globexContext.newPage();
  try {
    await signIn(globex, "admin@globex.test");
    await expect(globex).toHaveURL(/\/w\/(acme|globex)\/smtp-accounts$/);
    await globex.goto("/w/globex/smtp-accounts");
    await globex.getByLabel("Switch workspace").selectOption("acme");
    await expect(globex).toHaveURL(/\/w\/acme\/smtp-accounts$/);
    await expect(globex.getByRole("rowheader", { name: "Transactional mail" })).toBeVisible();
    // As a viewer in Acme: no credentials, although an admin in Globex.
    await expect(globex.getByRole("link", { name: "View Credentials" })).toHaveCount(0);
    await globex.getByLabel("Switch workspace").selectOption("globex");
    await expect(globex.getByRole("rowheader", { name: "Globex notifications" })).toBeVisible();
    await expect(globex.getByRole("link", { name: "View Credentials" })).toHaveCount(1);
  } finally {
    await owner.reload();
    owner.once("dialog", (d) => void d.accept());
    await owner.getByRole("button", { name: "Remove admin@globex.test" }).click();
    await expect(owner.getByRole("button", { name: "Remove admin@globex.test" })).toHaveCount(0);
  }
  await globex.goto("/w/acme/smtp-accounts");
  await expect(globex.getByRole("heading", { name: "Not found" })).toBeVisible();
  await ownerContext.close();
  await globexContext.close();
});
