/**
 * Browser tests drive Debian's Chromium through playwright-core (no
 * downloaded browsers). CHROMIUM_PATH overrides the executable.
 */
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

export interface ContextOptions {
  width?: number;
  height?: number;
  /** Language the device stores (the app's localStorage choice); none by default. */
  lang?: 'th' | 'en';
}

/** A fresh browser context (own cookies and storage) on the app. */
export async function newContext(browser: Browser, baseURL: string, opts: ContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
  });
  context.setDefaultTimeout(15_000);
  if (opts.lang) {
    await context.addInitScript((lang) => {
      if (!localStorage.getItem('ruamjai.lang')) localStorage.setItem('ruamjai.lang', lang);
    }, opts.lang);
  }
  return context;
}

/** Logs in through the login form and waits for the home page. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.locator('main h1').waitFor();
}

/** True when the page is wider than its viewport (something sticks out sideways). */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}

/** Waits until the locator matches exactly `count` elements; fails with the last count seen. */
export async function waitForCount(locator: Locator, count: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = await locator.count();
  while (seen !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} matches of ${String(locator)}, found ${seen}`);
    await new Promise((r) => setTimeout(r, 50));
    seen = await locator.count();
  }
}

/** Follows a link of the main navigation, opening "more" first when the link is behind it. */
export async function navigate(page: Page, name: string): Promise<void> {
  const link = page.locator('#main-nav').getByRole('link', { name, exact: true });
  if (!(await link.isVisible())) await page.locator('#main-nav .nav-more-toggle').click();
  await link.click();
}

/**
 * Clicks an in-app link and waits for its page. A click that lands while the
 * page re-renders the link (its first data arriving) can be lost; following a
 * link is idempotent, so it is clicked again, up to three times.
 */
export async function follow(page: Page, link: Locator, pathname: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await link.click();
    try {
      await page.waitForURL((u) => u.pathname === pathname, { timeout: 5000 });
      return;
    } catch (err) {
      if (new URL(page.url()).pathname === pathname) return;
      if (attempt >= 3) throw err;
    }
  }
}
