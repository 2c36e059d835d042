// A page as the server sent it, before React hydrates: the same session in a browser context
// whose script bundles never arrive (style sheets do). The page streams in and its inline
// scripts run, but no component's script does, which is what a slow machine or network shows
// first and what a click before hydration meets.
import type { Browser, Page } from "@playwright/test";

export async function withUnhydratedPage<T>(signedIn: Page, browser: Browser, use: (early: Page) => Promise<T>): Promise<T> {
  const viewport = signedIn.viewportSize();
  const context = await browser.newContext({ storageState: await signedIn.context().storageState(), ...(viewport ? { viewport } : {}) });
  try {
    const early = await context.newPage();
    await early.route("**/_next/static/chunks/**", (route) => (route.request().resourceType() === "script" ? route.abort() : route.continue()));
    return await use(early);
  } finally {
    await context.close();
  }
}
