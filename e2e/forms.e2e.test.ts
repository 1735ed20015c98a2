/**
 * Forms in a real browser on a phone-sized screen: an XLSForm uploaded
 * through the web app, filled (a repeat, a question that appears with an
 * answer), finished with no network, the app reloaded offline from its
 * service worker with the outbox and a half-filled draft still there, and
 * the submission sent when the network is back. And a constraint message
 * that shows while typing and blocks finishing.
 * Needs `npm run build:web` first. E2E_SCREENSHOTS=<dir> keeps PNGs.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startTestApp } from '../src/testing/app.js';
import { buildXlsForm, smallSurvey } from '../src/testing/xlsform.js';
import { horizontalOverflow, launchBrowser, logIn, newContext } from './browser.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

const shotsDir = process.env.E2E_SCREENSHOTS;
if (shotsDir) mkdirSync(shotsDir, { recursive: true });

async function snap(page: Page, name: string): Promise<void> {
  if (shotsDir) await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

/** The small household survey, with a question that only shows for renters and an instance name. */
async function householdXlsForm(): Promise<Buffer> {
  const spec = smallSurvey();
  const tenure = spec.survey.findIndex((r) => r.name === 'tenure');
  spec.survey.splice(tenure + 1, 0, {
    type: 'text',
    name: 'landlord',
    'label::Thai (th)': 'ชื่อเจ้าของบ้านเช่า',
    'label::English (en)': 'Landlord',
    relevant: "${tenure} = 'renter'",
  });
  spec.survey.splice(tenure + 2, 0, { type: 'image', name: 'photo', 'label::Thai (th)': 'รูปบ้าน', 'label::English (en)': 'Photo of the house' });
  spec.settings = { ...spec.settings, instance_name: '${village}' };
  return buildXlsForm(spec);
}

/** Width and height of a JPEG (from its start-of-frame marker). */
function jpegSize(data: Buffer): { width: number; height: number } | null {
  if (data[0] !== 0xff || data[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < data.length) {
    if (data[i] !== 0xff) return null;
    const marker = data[i + 1] ?? 0;
    const length = data.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc2) return { height: data.readUInt16BE(i + 5), width: data.readUInt16BE(i + 7) };
    i += 2 + length;
  }
  return null;
}

/** Waits for the top bar's outbox count. */
async function waitForOutbox(page: Page, count: number, timeoutMs = 20_000): Promise<void> {
  const indicator = page.getByTestId('outbox-count');
  const deadline = Date.now() + timeoutMs;
  let seen: string | null = null;
  while (Date.now() < deadline) {
    seen = await indicator.getAttribute('data-count').catch(() => null);
    if (seen === String(count)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`outbox count stayed ${seen}, expected ${count}`);
}

function repeatInstance(page: Page, n: number): Locator {
  return page.locator('.repeat-instance').nth(n);
}

async function uploadForm(page: Page, xlsx: Buffer): Promise<void> {
  await page.goto('/forms');
  await page.getByRole('button', { name: 'อัปโหลด XLSForm' }).click();
  await page.locator('#xlsform-file').setInputFiles({ name: 'household.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
  await page.getByRole('button', { name: 'อัปโหลด', exact: true }).click();
  await page.getByText('อัปโหลด “สำรวจครัวเรือน” รุ่น 1 แล้ว').waitFor();
}

describe('forms: upload, fill offline, send', () => {
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

  it('shows the problems of a bad XLSForm by sheet, row and column', async () => {
    const context = await newContext(browser, app.baseUrl, { width: 360, height: 740, lang: 'en' });
    const page = await context.newPage();
    try {
      await logIn(page, app.admin.email, app.admin.password);
      await page.goto('/forms');
      await page.getByRole('button', { name: 'Upload XLSForm' }).click();
      const bad = await buildXlsForm({ survey: [{ type: 'integr', name: 'age', label: 'Age' }, { type: 'text', name: 'x', label: 'X', relevant: '${nowhere} = 1' }] });
      await page.locator('#xlsform-file').setInputFiles({ name: 'bad.xlsx', mimeType: 'application/octet-stream', buffer: bad });
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      const table = page.getByTestId('xlsform-errors');
      await table.waitFor();
      const rows = (await table.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' '));
      assert.ok(rows.some((r) => /survey 2 type/.test(r) && /integr/.test(r)), rows.join('\n'));
      assert.ok(rows.some((r) => /survey 3/.test(r) && /nowhere/.test(r)), rows.join('\n'));
      await snap(page, 'forms-upload-errors-360');
    } finally {
      await context.close();
    }
  });

  it('fills a form, finishes it offline, reloads offline from the service worker and sends it when back online', async () => {
    const context: BrowserContext = await newContext(browser, app.baseUrl, { width: 360, height: 740, lang: 'th' });
    const page = await context.newPage();
    try {
      await logIn(page, app.admin.email, app.admin.password);
      await uploadForm(page, await householdXlsForm());

      // the form list offers filling it
      const item = page.locator('[data-form-id="hh_small"]');
      await item.getByRole('link', { name: 'กรอกแบบฟอร์ม' }).click();
      await page.locator('main h1', { hasText: 'สำรวจครัวเรือน' }).waitFor();

      // a service worker really controls the page (http://localhost is a secure context)
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
      assert.equal(context.serviceWorkers().length, 1);

      await page.getByLabel('ชื่อหมู่บ้าน').fill('ชุมชนหลังสถานี');
      await page.getByLabel('รายได้ต่อเดือน').fill('9000');
      // the landlord question appears only for renters
      assert.equal(await page.getByLabel('ชื่อเจ้าของบ้านเช่า').count(), 0);
      await page.getByRole('radio', { name: 'เช่า', exact: true }).check();
      await page.getByLabel('ชื่อเจ้าของบ้านเช่า').fill('นายสมศักดิ์');

      // the repeat: one member there from the start, a second one added
      await repeatInstance(page, 0).getByRole('textbox', { name: /^ชื่อ/ }).fill('สมชาย');
      await repeatInstance(page, 0).getByRole('textbox', { name: /^อายุ/ }).fill('44');
      await page.getByRole('button', { name: /เพิ่มสมาชิก/ }).click();
      await repeatInstance(page, 1).getByRole('textbox', { name: /^ชื่อ/ }).fill('สมหญิง');
      await repeatInstance(page, 1).getByRole('textbox', { name: /^อายุ/ }).fill('41');
      // a photo from the camera, larger than the 1600 px kept
      const dataUrl = await page.evaluate(() => {
        const c = document.createElement('canvas');
        c.width = 2400;
        c.height = 1800;
        const g = c.getContext('2d');
        if (g) {
          g.fillStyle = '#2a7a5f';
          g.fillRect(0, 0, 2400, 1800);
          g.fillStyle = '#ffd166';
          g.fillRect(300, 300, 900, 600);
        }
        return c.toDataURL('image/png');
      });
      const photo = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
      await page.locator('.q[data-name="photo"] input[type="file"]').first().setInputFiles({ name: 'house.png', mimeType: 'image/png', buffer: photo });
      await page.locator('.q[data-name="photo"] img').waitFor();

      await page.getByTestId('save-state').filter({ hasText: 'บันทึกในเครื่องแล้ว' }).waitFor();
      const overflow = await horizontalOverflow(page);
      assert.ok(overflow.scrollWidth <= overflow.clientWidth, `the filler fits 360 px (${overflow.scrollWidth} > ${overflow.clientWidth})`);
      await snap(page, 'filler-th-360');

      // no network: finishing puts the form in the outbox
      await context.setOffline(true);
      const worker = context.serviceWorkers()[0];
      assert.ok(worker);
      assert.equal(await worker.evaluate(() => fetch('/healthz').then(() => 'reached', () => 'offline')), 'offline', 'the service worker has no network either');
      await page.getByRole('button', { name: 'เสร็จสิ้น' }).click();
      await page.getByRole('heading', { name: 'บันทึกแบบฟอร์มแล้ว' }).waitFor();
      await waitForOutbox(page, 1);
      await snap(page, 'filler-finished-offline-360');

      // a second household, half filled, still offline
      await page.getByRole('button', { name: 'กรอกอีกชุด' }).click();
      await page.getByLabel('ชื่อหมู่บ้าน').fill('ชุมชนร่างค้าง');
      await page.getByTestId('save-state').filter({ hasText: 'บันทึกในเครื่องแล้ว' }).waitFor();
      await page.waitForURL((u) => u.searchParams.has('draft'));

      // reload with no network: the service worker serves the app, the outbox and the draft are still there
      await page.reload();
      await page.locator('main h1', { hasText: 'สำรวจครัวเรือน' }).waitFor();
      assert.equal(await page.getByLabel('ชื่อหมู่บ้าน').inputValue(), 'ชุมชนร่างค้าง');
      await waitForOutbox(page, 1);
      await page.goto('/outbox');
      await page.getByTestId('draft-list').getByText('ชุมชนร่างค้าง').waitFor();
      assert.equal(await page.locator('[data-instance-id]').count(), 1);
      await snap(page, 'outbox-offline-360');

      // back online: the outbox is sent
      await context.setOffline(false);
      await waitForOutbox(page, 0);
      const rows = await app.sql<{ xml: string; instanceName: string; reviewState: string }[]>`
        select s.xml, s.instance_name, s.review_state from submissions s join forms f on f.id = s.form_pk where f.form_id = 'hh_small'`;
      assert.equal(rows.length, 1);
      const xml = rows[0]?.xml ?? '';
      assert.equal(rows[0]?.instanceName, 'ชุมชนหลังสถานี');
      assert.equal(rows[0]?.reviewState, 'received');
      assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?><data [^>]*id="hh_small" version="1">/);
      const photoName = /<photo>([^<]+)<\/photo>/.exec(xml)?.[1] ?? '';
      assert.match(photoName, /^\d+-[a-z0-9]+\.jpg$/);
      assert.match(xml, /<hh><income>9000<\/income><tenure>renter<\/tenure><landlord>นายสมศักดิ์<\/landlord><photo>[^<]+<\/photo><\/hh>/);
      assert.match(xml, /<members><name>สมชาย<\/name><age>44<\/age><\/members><members><name>สมหญิง<\/name><age>41<\/age><\/members>/);
      assert.match(xml, /<meta><instanceID>uuid:[0-9a-f-]{36}<\/instanceID><instanceName>ชุมชนหลังสถานี<\/instanceName><\/meta>/);

      // the photo went with it, made smaller on the phone
      const [attachment] = await app.sql<{ name: string; contentType: string; data: Buffer }[]>`select name, content_type, data from submission_attachments`;
      assert.equal(attachment?.name, photoName);
      assert.equal(attachment?.contentType, 'image/jpeg');
      assert.deepEqual(jpegSize(attachment?.data ?? Buffer.alloc(0)), { width: 1600, height: 1200 });

      // and it is in the form's submissions table
      await page.goto('/forms/hh_small/submissions');
      const table = page.getByTestId('submissions-table');
      await table.getByRole('link', { name: 'ชุมชนหลังสถานี' }).waitFor();
      assert.equal(await table.locator('tbody tr').count(), 1);
      await snap(page, 'submissions-360');

      // its page shows the answers by group and repeat, with Thai labels
      await table.getByRole('link', { name: 'ชุมชนหลังสถานี' }).click();
      await page.locator('.answer', { hasText: 'ชื่อเจ้าของบ้านเช่า' }).getByText('นายสมศักดิ์').waitFor();
      assert.ok(await page.locator('.answer', { hasText: 'การถือครองที่อยู่' }).getByText('เช่า').isVisible());
      assert.equal(await page.locator('.answers-all .repeat-instance').count(), 2);
      await page.locator('.answer img.answer-photo').waitFor();
      await snap(page, 'submission-360');

      // editing it makes a new version that replaces this one
      const firstId = (await app.sql<{ instanceId: string }[]>`select instance_id from submissions`)[0]?.instanceId ?? '';
      await page.getByRole('link', { name: 'แก้ไขข้อมูลนี้' }).click();
      await page.locator('.filler-meta').getByText('กำลังแก้ไขข้อมูลที่ส่งแล้ว').waitFor();
      assert.equal(await page.getByLabel('ชื่อหมู่บ้าน').inputValue(), 'ชุมชนหลังสถานี');
      assert.equal(await page.getByLabel('ชื่อเจ้าของบ้านเช่า').inputValue(), 'นายสมศักดิ์');
      assert.equal(await page.locator('.repeat-instance').count(), 2);
      await page.getByLabel('รายได้ต่อเดือน').fill('9500');
      await page.getByRole('button', { name: 'เสร็จสิ้น' }).click();
      await page.getByRole('heading', { name: 'บันทึกการแก้ไขแล้ว' }).waitFor();
      await waitForOutbox(page, 0);
      const versions = await app.sql<{ instanceId: string; deprecatedId: string | null; current: boolean; xml: string }[]>`
        select instance_id, deprecated_id, current, xml from submissions order by received_at`;
      assert.equal(versions.length, 2);
      assert.equal(versions[1]?.deprecatedId, firstId);
      assert.equal(versions[1]?.current, true);
      assert.equal(versions[0]?.current, false);
      assert.match(versions[1]?.xml ?? '', new RegExp(`<income>9500</income>.*<deprecatedID>${firstId}</deprecatedID>`));
      await page.goto(`/forms/hh_small/submissions/${encodeURIComponent(versions[1]?.instanceId ?? '')}`);
      await page.locator('.history li').nth(1).waitFor();
      assert.equal(await page.locator('.history li').count(), 2);
      await page.locator('.answer img.answer-photo').waitFor(); // the photo carried over to the new version
    } finally {
      await context.close();
    }
  });

  it('shows a constraint message while typing, in the language chosen mid-form, and will not finish until it is fixed', async () => {
    const context = await newContext(browser, app.baseUrl, { width: 360, height: 740, lang: 'th' });
    const page = await context.newPage();
    try {
      await logIn(page, app.admin.email, app.admin.password);
      await page.goto('/forms/hh_small/fill');
      await page.locator('main h1', { hasText: 'สำรวจครัวเรือน' }).waitFor();
      const income = page.locator('input[name="income"]');
      await income.fill('-500');
      const block = page.locator('.q[data-name="income"]');
      await block.getByRole('alert').filter({ hasText: 'ต้องไม่ติดลบ' }).waitFor();

      // switching the app to English switches the form too, mid-form
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await page.getByLabel('Monthly income').waitFor();
      assert.equal(await page.getByLabel('Monthly income').inputValue(), '-500');
      await block.getByRole('alert').filter({ hasText: 'Cannot be negative' }).waitFor();

      // finishing is refused: the problems are listed and the first one gets the focus
      await page.getByRole('button', { name: 'Finish' }).click();
      await page.locator('.filler-issues').filter({ hasText: '3 answers need attention' }).waitFor();
      await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'village');
      await snap(page, 'filler-issues-en-360');
      assert.equal(await page.getByRole('heading', { name: 'Form saved' }).count(), 0);

      await page.getByLabel('Village').fill('Ban Khlong');
      await repeatInstance(page, 0).getByRole('textbox', { name: /^Name/ }).fill('Somchai');
      await page.getByRole('button', { name: 'Finish' }).click();
      await page.locator('.filler-issues').filter({ hasText: '1 answer needs attention' }).waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Form saved' }).count(), 0);

      await income.fill('500');
      assert.equal(await block.getByRole('alert').count(), 0);
      await page.getByRole('button', { name: 'Finish' }).click();
      await page.getByRole('heading', { name: 'Form saved' }).waitFor();
      await waitForOutbox(page, 0);
      const [row] = await app.sql<{ n: number }[]>`select count(*)::int as n from submissions where instance_name = 'Ban Khlong'`;
      assert.equal(row?.n, 1);
    } finally {
      await context.close();
    }
  });
});
