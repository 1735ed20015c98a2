/**
 * The web app in a real browser, as the system administrator: Thai first,
 * English on request, the areas browser, user management, and a phone-sized
 * screen. Needs `npm run build:web` first (the app serves dist/web).
 * Set E2E_SCREENSHOTS=<dir> to keep a PNG of each step.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import * as audit from '../src/modules/audit/service.js';
import { startTestApp } from '../src/testing/app.js';
import { horizontalOverflow, launchBrowser, logIn, navigate, newContext, waitForCount } from './browser.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

const shotsDir = process.env.E2E_SCREENSHOTS;
if (shotsDir) mkdirSync(shotsDir, { recursive: true });

async function snap(page: Page, name: string): Promise<void> {
  if (shotsDir) await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

async function texts(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).allInnerTexts()).map((s) => s.trim());
}

describe('web app as the system administrator', () => {
  let app: App;
  let browser: Browser;

  before(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('logs in in Thai by default, switches to English, and keeps English after a reload and for the account', async () => {
    const context = await newContext(browser, app.baseUrl);
    const page = await context.newPage();
    try {
      await page.goto('/');
      await page.waitForURL((u) => u.pathname === '/login');
      // Thai is the default language
      assert.equal(await page.locator('html').getAttribute('lang'), 'th');
      assert.equal(await page.locator('main h1').innerText(), 'เข้าสู่ระบบ');
      assert.ok(await page.getByLabel('อีเมล').isVisible());
      assert.ok(await page.getByLabel('รหัสผ่าน').isVisible());
      await snap(page, 'login-th-1280');

      // a wrong password shows the server's message in Thai
      await page.getByLabel('อีเมล').fill(app.admin.email);
      await page.getByLabel('รหัสผ่าน').fill('not-the-password');
      await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
      await page.getByRole('alert').waitFor();
      assert.match(await page.getByRole('alert').innerText(), /อีเมลหรือรหัสผ่านไม่ถูกต้อง/);

      await logIn(page, app.admin.email, app.admin.password);
      assert.match(await page.locator('main h1').innerText(), /^สวัสดี/);
      // The administrator's sections, named in Thai (other sections come and go with the modules);
      // the bar stays one row at 1280 px, areas and administration behind "more".
      const rows = new Set((await page.locator('#main-nav > ul > li').evaluateAll((lis) => lis.map((li) => Math.round(li.getBoundingClientRect().top)))));
      assert.equal(rows.size, 1, `the navigation bar is one row (${[...rows].join(', ')})`);
      await page.locator('#main-nav .nav-more-toggle', { hasText: 'เพิ่มเติม' }).click();
      const nav = await texts(page, '#main-nav a');
      for (const item of ['หน้าหลัก', 'พื้นที่', 'องค์กร', 'ผู้ใช้', 'บันทึกการตรวจสอบ']) assert.ok(nav.includes(item), `${item} in ${nav.join(', ')}`);
      assert.equal(nav[0], 'หน้าหลัก');
      await page.keyboard.press('Escape');
      await page.locator('#nav-more-list').waitFor({ state: 'hidden' });
      assert.ok(await page.locator('main').getByText('ผู้ดูแลระบบ', { exact: true }).first().isVisible(), 'the role is named in Thai');
      await snap(page, 'home-th-1280');

      // switch to English
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await page.locator('main h1', { hasText: /^Hello,/ }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await page.locator('#main-nav .nav-more-toggle', { hasText: 'More' }).click();
      const navEn = await texts(page, '#main-nav a');
      await page.keyboard.press('Escape');
      for (const item of ['Home', 'Areas', 'Organisations', 'Users', 'Audit log']) assert.ok(navEn.includes(item), `${item} in ${navEn.join(', ')}`);
      assert.ok(!navEn.some((n) => /[\u0E00-\u0E7F]/.test(n)), 'no Thai left in the English navigation');
      assert.ok(await page.getByText('System administrator', { exact: true }).first().isVisible());
      await snap(page, 'home-en-1280');

      // the choice survives a reload and was sent to the account
      await page.reload();
      await page.locator('main h1', { hasText: /^Hello,/ }).waitFor();
      await page.waitForFunction(async () => {
        const r = await fetch('/api/v1/me', { credentials: 'same-origin' });
        return ((await r.json()) as { locale: string }).locale === 'en';
      });

      // logging out from the user menu returns to an English login page
      await page.locator('.user-button').click();
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL((u) => u.pathname === '/login');
      assert.equal(await page.locator('main h1').innerText(), 'Log in');
      assert.ok(await page.getByLabel('Password').isVisible());
    } finally {
      await context.close();
    }
  });

  it('browses from Thailand to Songkhla and lists its 16 districts, Hat Yai among them', async () => {
    const context = await newContext(browser, app.baseUrl, { lang: 'th' });
    const page = await context.newPage();
    try {
      await logIn(page, app.admin.email, app.admin.password);
      await navigate(page, 'พื้นที่');
      await page.waitForURL((u) => u.pathname === '/areas');
      await page.getByRole('link', { name: /ประเทศไทย/ }).first().click();
      await page.waitForURL((u) => u.pathname === '/areas/TH');
      await page.locator('main h1', { hasText: 'ประเทศไทย' }).waitFor();
      const provinces = page.locator('[data-testid="area-children"] tbody tr');
      await waitForCount(provinces, 77); // Thailand's 77 provinces

      // the filter box narrows the list
      await page.getByLabel('กรองตามชื่อหรือรหัส').fill('สงขลา');
      await waitForCount(provinces, 1);
      await page.getByRole('link', { name: 'สงขลา', exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/areas/90');
      await page.locator('main h1', { hasText: 'สงขลา' }).waitFor();
      const districts = page.locator('[data-testid="area-children"] tbody tr');
      await waitForCount(districts, 16); // Songkhla's 16 districts
      assert.ok(await page.getByRole('link', { name: 'หาดใหญ่', exact: true }).isVisible());
      const crumbs = await texts(page, '.breadcrumbs li');
      assert.deepEqual(crumbs, ['พื้นที่ทั้งหมด', 'ประเทศไทย', 'สงขลา']);
      await snap(page, 'songkhla-th-1280');

      // English names after switching language
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await page.locator('main h1', { hasText: 'Songkhla' }).waitFor();
      assert.ok(await page.getByRole('link', { name: 'Hat Yai', exact: true }).isVisible());

      // drill down into Hat Yai: the breadcrumbs lead back up
      await page.getByRole('link', { name: 'Hat Yai', exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/areas/9011');
      await page.locator('main h1', { hasText: 'Hat Yai' }).waitFor();
      assert.deepEqual(await texts(page, '.breadcrumbs li'), ['All areas', 'Thailand', 'Songkhla', 'Hat Yai']);
      assert.ok((await page.locator('[data-testid="area-children"] tbody tr').count()) > 0, 'Hat Yai has subdistricts');
      await snap(page, 'hatyai-en-1280');
    } finally {
      await context.close();
    }
  });

  it('creates a user with a membership on the users page, finds them in the list, edits and deactivates them', async () => {
    const context = await newContext(browser, app.baseUrl, { lang: 'th' });
    const page = await context.newPage();
    const email = `somsri.${Date.now()}@example.org`;
    try {
      await logIn(page, app.admin.email, app.admin.password);
      await navigate(page, 'ผู้ใช้');
      await page.waitForURL((u) => u.pathname === '/admin/users');
      await page.locator('[data-testid="users"] tbody tr').first().waitFor();

      await page.getByRole('button', { name: 'เพิ่มผู้ใช้' }).click();
      const form = page.locator('form', { has: page.locator('input[name="displayName"]') });
      await form.getByLabel('อีเมล').fill(email);
      await form.getByLabel('ชื่อที่แสดง').fill('สมศรี ใจดี');
      await form.getByLabel('รหัสผ่าน').fill('somsri-password-1');
      const row = form.locator('[data-testid="membership-row"]').first();
      const orgSelect = row.getByLabel('องค์กร');
      const orgValue = await orgSelect.locator('option').nth(1).getAttribute('value');
      assert.ok(orgValue, 'there is an organisation to choose');
      await orgSelect.selectOption(orgValue);
      await row.getByLabel('บทบาท').selectOption('volunteer');
      await row.getByLabel('ขอบเขตพื้นที่ (รหัส)').fill('9011');
      // the area lookup names the scope
      await row.locator('[data-testid="area-lookup"]', { hasText: 'หาดใหญ่' }).waitFor();
      await snap(page, 'user-create-th-1280');
      await form.getByRole('button', { name: 'สร้าง' }).click();

      await page.getByRole('status').filter({ hasText: 'สมศรี ใจดี' }).waitFor();
      const created = page.locator('[data-testid="users"] tbody tr', { hasText: email });
      await created.waitFor();
      assert.match(await created.innerText(), /อาสาสมัคร/);

      // the server has it: search by email
      await page.getByLabel('ค้นหาชื่อหรืออีเมล').fill(email);
      const searched = page.waitForResponse((r) => r.url().includes('/api/v1/users?') && r.url().includes('q='));
      await page.getByRole('button', { name: 'ค้นหา', exact: true }).click();
      assert.equal((await searched).status(), 200);
      const rows = page.locator('[data-testid="users"] tbody tr');
      await waitForCount(rows, 1);
      assert.match(await rows.first().innerText(), /สมศรี ใจดี/);
      assert.match(await rows.first().innerText(), /9011/);
      await snap(page, 'users-th-1280');

      // edit: a new display name and a second membership
      await rows.first().getByRole('button', { name: /แก้ไข/ }).click();
      await form.getByLabel('ชื่อที่แสดง').fill('สมศรี ใจดีมาก');
      await form.getByRole('button', { name: /เพิ่มสังกัด/ }).click();
      const second = form.locator('[data-testid="membership-row"]').nth(1);
      await second.getByLabel('องค์กร').selectOption(orgValue);
      await second.getByLabel('บทบาท').selectOption('caseworker');
      await second.getByLabel('ขอบเขตพื้นที่ (รหัส)').fill('90');
      await form.getByRole('button', { name: 'บันทึก' }).click();
      await page.getByRole('status').filter({ hasText: 'สมศรี ใจดีมาก' }).waitFor();
      assert.match(await rows.first().innerText(), /เจ้าหน้าที่ดูแลกรณี/);

      // deactivate: gone from the list until inactive users are shown
      page.once('dialog', (d) => void d.accept());
      await rows.first().getByRole('button', { name: /ปิดใช้งาน/ }).click();
      await waitForCount(rows, 0);
      await page.getByLabel('แสดงผู้ใช้ที่ปิดใช้งาน').check();
      await waitForCount(rows, 1);
      assert.match(await rows.first().innerText(), /ปิดใช้งาน/);
    } finally {
      await context.close();
    }
  });

  it('creates, renames, deactivates and reactivates an organisation', async () => {
    const context = await newContext(browser, app.baseUrl, { lang: 'th' });
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    const nameTh = `มูลนิธิทดสอบ ${Date.now()}`;
    try {
      await logIn(page, app.admin.email, app.admin.password);
      await navigate(page, 'องค์กร');
      await page.waitForURL((u) => u.pathname === '/admin/organizations');
      await page.getByRole('button', { name: 'เพิ่มองค์กร' }).click();
      const form = page.locator('form', { has: page.locator('input[name="nameTh"]') });
      await form.getByLabel('ชื่อภาษาไทย').fill(nameTh);
      await form.getByLabel('ชื่อภาษาอังกฤษ').fill('Test Foundation');
      await form.getByLabel('ประเภท').selectOption('foundation');
      await form.getByLabel('รหัสพื้นที่').fill('90');
      await form.locator('[data-testid="area-lookup"]', { hasText: 'สงขลา' }).waitFor();
      await form.getByRole('button', { name: 'สร้าง' }).click();
      const row = page.locator('[data-testid="organizations"] tbody tr', { hasText: nameTh });
      await row.waitFor();
      assert.match(await row.innerText(), /มูลนิธิ/);

      // rename it
      await row.getByRole('button', { name: /แก้ไข/ }).click();
      await form.getByLabel('ชื่อภาษาอังกฤษ').fill('Test Foundation of Songkhla');
      await form.getByRole('button', { name: 'บันทึก' }).click();
      await page.locator('[data-testid="organizations"] tbody tr', { hasText: 'Test Foundation of Songkhla' }).waitFor();

      // deactivate: it leaves the list unless inactive ones are shown
      await row.getByRole('button', { name: /ปิดใช้งาน/ }).click();
      await row.waitFor({ state: 'detached' });
      await page.getByLabel('แสดงองค์กรที่ปิดใช้งาน').check();
      await row.waitFor();
      assert.match(await row.innerText(), /ปิดใช้งาน/);
      await row.getByRole('button', { name: /เปิดใช้งาน/ }).click();
      await row.locator('.badge-ok').waitFor();
    } finally {
      await context.close();
    }
  });

  it('shows what was done in the audit log with Buddhist Era times and verifies the chain', async () => {
    const context = await newContext(browser, app.baseUrl, { lang: 'th' });
    const page = await context.newPage();
    try {
      await logIn(page, app.admin.email, app.admin.password);
      await navigate(page, 'บันทึกการตรวจสอบ');
      await page.waitForURL((u) => u.pathname === '/admin/audit');
      const rows = page.locator('[data-testid="audit"] tbody tr');
      await rows.first().waitFor();
      const firstTime = await rows.first().locator('td').first().innerText();
      const beYear = new Date().getFullYear() + 543;
      assert.ok(firstTime.includes(String(beYear)), `time ${firstTime} is in the Buddhist Era`);

      // a page of 50, then the next one after it: more entries than a page first, as a busy network writes them
      for (let i = 0; i < 60; i++) await audit.record(app.sql, audit.SYSTEM_ACTOR, { action: 'e2e.paging', entity: 'e2e', entityId: String(i), changes: { i } });
      const [{ n: total } = { n: 0 }] = await app.sql<{ n: number }[]>`select count(*)::int as n from audit_log`;
      await page.reload();
      await waitForCount(rows, 50);
      await page.getByRole('button', { name: 'โหลดเพิ่ม' }).click();
      await waitForCount(rows, Math.min(total, 100));

      // filter to organisation entries
      await page.getByLabel('ประเภทข้อมูล').fill('organization');
      await page.getByRole('button', { name: 'ใช้ตัวกรอง' }).click();
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid="audit"] tbody tr')].every((tr) => tr.textContent?.includes('organization')),
      );

      await page.getByRole('button', { name: 'ตรวจสอบลูกโซ่บันทึก' }).click();
      const result = page.locator('[data-testid="verify-result"]');
      await result.waitFor();
      assert.match(await result.innerText(), /บันทึกถูกต้องครบถ้วน/);
      await snap(page, 'audit-th-1280');
    } finally {
      await context.close();
    }
  });

  it('fits a 360 px wide phone: no sideways scrolling on home and areas, navigation behind a menu button', async () => {
    const context = await newContext(browser, app.baseUrl, { width: 360, height: 740, lang: 'th' });
    const page = await context.newPage();
    try {
      await page.goto('/login');
      await page.locator('main h1').waitFor();
      let o = await horizontalOverflow(page);
      assert.ok(o.scrollWidth <= 360, `login page is ${o.scrollWidth}px wide`);
      await snap(page, 'login-th-360');

      await logIn(page, app.admin.email, app.admin.password);
      o = await horizontalOverflow(page);
      assert.ok(o.scrollWidth <= 360, `home page is ${o.scrollWidth}px wide`);
      await snap(page, 'home-th-360');

      // the navigation is collapsed; the menu button opens it with big enough links
      const nav = page.locator('#main-nav');
      assert.equal(await nav.isVisible(), false);
      const toggle = page.getByRole('button', { name: 'เมนู', exact: true });
      const box = await toggle.boundingBox();
      assert.ok(box && box.height >= 40 && box.width >= 40, 'the menu button is a big enough tap target');
      await toggle.click();
      await nav.waitFor({ state: 'visible' });
      for (const link of await nav.getByRole('link').all()) {
        const b = await link.boundingBox();
        assert.ok(b && b.height >= 40, 'each menu link is at least 40px tall');
      }
      o = await horizontalOverflow(page);
      assert.ok(o.scrollWidth <= 360, `with the menu open the page is ${o.scrollWidth}px wide`);
      await snap(page, 'menu-th-360');
      await nav.getByRole('link', { name: 'พื้นที่' }).click();
      await page.waitForURL((u) => u.pathname === '/areas');
      await nav.waitFor({ state: 'hidden' }); // the menu closes after choosing a page
      await page.locator('[data-testid="area-children"] tbody tr').first().waitFor();
      o = await horizontalOverflow(page);
      assert.ok(o.scrollWidth <= 360, `areas page is ${o.scrollWidth}px wide`);
      await snap(page, 'areas-th-360');

      await page.goto('/areas/90');
      await page.locator('[data-testid="area-children"] tbody tr').first().waitFor();
      o = await horizontalOverflow(page);
      assert.ok(o.scrollWidth <= 360, `Songkhla page is ${o.scrollWidth}px wide`);
      await snap(page, 'songkhla-th-360');

      // English words are longer: still no sideways scrolling
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await page.locator('main h1', { hasText: 'Songkhla' }).waitFor();
      o = await horizontalOverflow(page);
      assert.ok(o.scrollWidth <= 360, `Songkhla page in English is ${o.scrollWidth}px wide`);
      await page.goto('/');
      await page.locator('main h1', { hasText: /^Hello,/ }).waitFor();
      o = await horizontalOverflow(page);
      assert.ok(o.scrollWidth <= 360, `home page in English is ${o.scrollWidth}px wide`);
      await snap(page, 'home-en-360');
    } finally {
      await context.close();
    }
  });
});
