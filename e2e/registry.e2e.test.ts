/**
 * The registry and targeting pages in a real browser, on the demo network:
 * a coordinator imports a list through the wizard (choosing the mapping of
 * two columns by hand, then importing the valid lines after a rejection),
 * finds a person by a misspelt Thai name, merges a duplicate pair after
 * running linkage, tries a rule in the indicator editor, and drills down
 * from Songkhla to Hat Yai on the dashboard; an anonymous visitor opens the
 * public figures from the login page and sees withheld small counts.
 * Needs `npm run build:web` first. E2E_SCREENSHOTS=<dir> keeps PNGs.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp } from '../src/testing/app.js';
import { follow, launchBrowser, logIn, navigate, newContext } from './browser.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

const COORDINATOR = { email: 'coordinator@demo.ruamjai.local', password: 'ruamjai-demo' };

const shotsDir = process.env.E2E_SCREENSHOTS;
if (shotsDir) mkdirSync(shotsDir, { recursive: true });

async function snap(page: Page, name: string): Promise<void> {
  if (shotsDir) await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

/**
 * How far the page's main content reaches past the right edge (the top bar is
 * the shell's business), once the layout has settled: after a resize, charts
 * and the map lay themselves out again over a few frames, so it is measured
 * until it fits or 5 s have passed.
 */
async function mainOverflow(page: Page): Promise<number> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const overflow = await measureOverflow(page);
    if (overflow <= 1 || Date.now() > deadline) return overflow;
    await page.waitForTimeout(100);
  }
}

async function measureOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    let worst = 0;
    for (const el of document.querySelectorAll('main *')) {
      if (el.closest('.sr-only, .leaflet-container, .table-scroll')) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right - width > worst) worst = r.right - width;
    }
    return Math.round(worst);
  });
}

/** A welfare list with Thai headers: two of them (household key, area) no guess can place. Line 5 has no such date. */
const CSV = [
  'เลขที่ครัวเรือน,ตำบล/ชุมชน,บ้านเลขที่,ชื่อ,นามสกุล,เพศ,วันเกิด,ความสัมพันธ์,รายได้ต่อเดือน',
  'W1,901101-R03,77/5,มานพ,ศรีสุขใจ,ชาย,12/3/2518,head,8000',
  'W1,901101-R03,77/5,มานภ,ศรีสุขใจ,ชาย,12/3/2518,other,',
  'W1,901101-R03,77/5,สมหญิง,ศรีสุขใจ,หญิง,1/1/2520,spouse,',
  'W2,901101-R03,78/1,ปิติ,ใจงาม,ชาย,31/2/2560,child,',
  '',
].join('\n');

describe('registry and targeting in the browser', () => {
  let app: App;
  let browser: Browser;

  before(async () => {
    app = await startTestApp({ demo: true });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('imports a list, finds a misspelt name, merges a duplicate, edits a rule and drills down the dashboard', async () => {
    const context = await newContext(browser, app.baseUrl, { lang: 'th' });
    const page = await context.newPage();
    try {
      await logIn(page, COORDINATOR.email, COORDINATOR.password);
      const nav = (await page.locator('#main-nav a').allTextContents()).map((s) => s.trim()); // "more" ones too
      for (const label of ['ทะเบียน', 'ระเบียนซ้ำ', 'ค้นหากลุ่มเป้าหมาย', 'แดชบอร์ด']) assert.ok(nav.includes(label), `nav has ${label}: ${nav.join(', ')}`);

      // --- the import wizard
      await page.locator('#main-nav').getByRole('link', { name: 'ทะเบียน', exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/registry');
      await follow(page, page.getByRole('link', { name: 'นำเข้ารายชื่อ' }), '/registry/import');
      await page.locator('input[type="file"][name="file"]').setInputFiles({ name: 'welfare-2568.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
      await page.getByTestId('file-read').waitFor();
      assert.match(await page.getByTestId('file-read').innerText(), /9 คอลัมน์/);
      await page.getByRole('button', { name: 'ถัดไป' }).click();

      // guessed from Thai headers; the two unknown ones are chosen by hand
      const mapping = page.getByTestId('mapping');
      assert.equal(await mapping.locator('select[data-column="ชื่อ"]').inputValue(), 'firstName');
      assert.equal(await mapping.locator('select[data-column="วันเกิด"]').inputValue(), 'birthDate');
      assert.equal(await mapping.locator('select[data-column="เลขที่ครัวเรือน"]').inputValue(), '');
      assert.match(await page.getByRole('alert').innerText(), /รหัสพื้นที่/);
      await mapping.locator('select[data-column="เลขที่ครัวเรือน"]').selectOption('householdRef');
      await mapping.locator('select[data-column="ตำบล/ชุมชน"]').selectOption('areaCode');
      await snap(page, 'import-mapping-th-1280');
      await page.getByRole('button', { name: 'ถัดไป' }).click();

      // the sample as mapped, then the import: line 5 is rejected, nothing stored
      await page.getByTestId('import-preview').waitFor();
      assert.match(await page.getByTestId('import-preview').innerText(), /มานภ/);
      await page.getByRole('button', { name: 'นำเข้า', exact: true }).click();
      const result = page.getByTestId('import-result');
      await result.waitFor();
      assert.match(await result.innerText(), /มี 1 บรรทัดที่ใช้ไม่ได้/);
      assert.match(await page.getByTestId('import-rejected').innerText(), /5[\s\S]*วันเกิด[\s\S]*ไม่มีวันที่ 31\/2\/2560/);
      assert.match(await result.innerText(), /ยังไม่ได้บันทึกข้อมูลใดเลย/);
      await snap(page, 'import-rejected-th-1280');

      // partial import: the three valid lines
      await page.getByRole('button', { name: 'นำเข้าเฉพาะบรรทัดที่ถูกต้อง' }).click();
      await page.locator('[data-count="inserted"] dd', { hasText: '3' }).waitFor();
      assert.match(await result.innerText(), /บันทึกเฉพาะบรรทัดที่ถูกต้องแล้ว/);

      // --- search by a misspelt Thai name
      await page.getByRole('link', { name: 'ไปหน้าค้นหา' }).click();
      await page.waitForURL((u) => u.pathname === '/registry');
      await page.getByLabel('ชื่อ เลขประจำตัว หรือบ้านเลขที่').fill('สมหยิง ศรีสุกใจ');
      await page.getByRole('button', { name: 'ค้นหา', exact: true }).click();
      await page.waitForURL((u) => u.searchParams.get('q') === 'สมหยิง ศรีสุกใจ');
      const first = page.getByTestId('people').locator('li').first();
      await first.getByText('สมหญิง ศรีสุขใจ').waitFor();
      await snap(page, 'registry-search-th-1280');
      await first.locator('a').click();
      await page.waitForURL((u) => u.pathname.startsWith('/registry/people/'));
      await page.locator('main h1', { hasText: 'สมหญิง ศรีสุขใจ' }).waitFor();
      const values = await page.getByTestId('person-values').innerText();
      assert.match(values, /นำเข้ารายชื่อ · welfare-2568/, 'each value says where it came from');
      assert.match(values, /1 ม\.ค\. 2520/, 'the birth date in the Buddhist Era');
      assert.match(await page.getByTestId('timeline').innerText(), new RegExp(String(new Date().getFullYear() + 543)));
      assert.ok(await page.getByRole('link', { name: 'ส่งออก JSON' }).isVisible(), 'a coordinator has the PDPA export');
      await snap(page, 'person-th-1280');
      await page.setViewportSize({ width: 360, height: 800 });
      assert.ok((await mainOverflow(page)) <= 1, 'the person page fits 360 px');
      await snap(page, 'person-th-360');
      await page.setViewportSize({ width: 1280, height: 800 });

      // the household: three members with their relation
      await page.getByRole('link', { name: 'ดูครัวเรือน' }).click();
      await page.waitForURL((u) => u.pathname.startsWith('/registry/households/'));
      const members = page.getByTestId('members').locator('tbody tr');
      await members.nth(2).waitFor();
      assert.equal(await members.count(), 3);
      assert.match(await page.getByTestId('members').innerText(), /หัวหน้าครัวเรือน[\s\S]*คู่สมรส/);

      // --- duplicates: run linkage, the imported pair is proposed with reasons in words, merge it
      await navigate(page, 'ระเบียนซ้ำ');
      await page.waitForURL((u) => u.pathname === '/duplicates');
      await page.getByLabel(/รหัสพื้นที่/).fill('901101');
      await page.getByRole('button', { name: 'ค้นหาระเบียนซ้ำใหม่' }).click();
      await page.getByRole('status').filter({ hasText: 'พบคู่ที่อาจซ้ำ' }).waitFor();
      const pair = page.getByTestId('pair').filter({ hasText: 'มานภ ศรีสุขใจ' });
      await pair.waitFor();
      const pairText = await pair.innerText();
      assert.match(pairText, /วันเกิดตรงกัน/);
      assert.match(pairText, /อยู่ครัวเรือนเดียวกัน/);
      assert.ok((await pair.locator('.pair-differs').count()) >= 1, 'the differing fields are marked');
      await snap(page, 'duplicates-th-1280');
      await page.setViewportSize({ width: 360, height: 800 });
      assert.ok((await mainOverflow(page)) <= 1, 'the review queue fits 360 px');
      await snap(page, 'duplicates-th-360');
      await page.setViewportSize({ width: 1280, height: 800 });
      await pair.getByRole('button', { name: 'รวมระเบียน' }).click();
      await page.getByRole('status').filter({ hasText: 'รวมระเบียนแล้ว' }).waitFor();
      await page.getByRole('button', { name: 'รวมแล้ว' }).click();
      const merged = page.getByTestId('pair').filter({ hasText: 'มานภ ศรีสุขใจ' });
      await merged.waitFor();
      assert.ok(await merged.getByRole('button', { name: 'ยกเลิกการรวม' }).isVisible(), 'a merge can be undone');

      // --- the indicator editor: an error is placed under the rule, a good rule is counted live
      await page.goto('/targeting/indicators/new');
      const rule = page.locator('textarea[name="rule"]');
      await rule.fill('age >= 60 and foo = 1');
      const ruleError = page.getByTestId('rule-error');
      await ruleError.waitFor();
      assert.match(await ruleError.innerText(), /ไม่รู้จักคุณสมบัติ 'foo'/);
      assert.match(await ruleError.innerText(), /ตำแหน่ง 14/);
      assert.match(await ruleError.locator('.rule-caret').innerText(), /^age >= 60 and foo = 1\n {14}\^$/);
      await snap(page, 'indicator-error-th-1280');
      await rule.fill('age >= 60 and household/size = 1');
      await page.getByTestId('rule-preview').getByText(/จะระบุ \d+ จาก [\d,]+ คน/).waitFor();
      assert.equal(await ruleError.count(), 0);

      // a flagged list with the evidence in words
      await page.goto('/targeting/indicators/elderly_living_alone');
      const flagged = page.getByTestId('flagged');
      await flagged.locator('tbody tr').first().waitFor();
      assert.match(await flagged.locator('tbody tr').first().innerText(), /อายุ \d+, จำนวนสมาชิก 1/);
      assert.ok(await page.getByTestId('export-csv').isVisible());

      // --- the dashboard: Songkhla, then down to Hat Yai
      await page.locator('#main-nav').getByRole('link', { name: 'แดชบอร์ด' }).click();
      await page.waitForURL((u) => u.pathname === '/dashboard/90');
      await page.locator('main h1', { hasText: 'สงขลา' }).waitFor();
      await page.getByTestId('dashboard-indicators').waitFor();
      await snap(page, 'dashboard-90-th-1280');
      await page.getByTestId('dashboard-children').getByRole('link', { name: 'หาดใหญ่', exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/dashboard/9011');
      await page.locator('main h1', { hasText: 'หาดใหญ่' }).waitFor();
      const totals = await page.getByTestId('dashboard-totals').innerText();
      assert.match(totals, /ประชากร\s*1,\d{3}/);
      await page.locator('.trend-chart svg').waitFor();
      await page.getByTestId('area-map').locator('.leaflet-interactive').first().waitFor();
      await snap(page, 'dashboard-9011-th-1280');
      await page.setViewportSize({ width: 360, height: 800 });
      assert.ok((await mainOverflow(page)) <= 1, 'the dashboard fits 360 px');
      await snap(page, 'dashboard-9011-th-360');
    } finally {
      await context.close();
    }
  });

  it('imports an Excel workbook through the wizard: the columns read on the device, health columns held only with a legal basis, the rows stored', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('บัญชีรายชื่อ');
    ws.addRow(['ชื่อ', 'นามสกุล', 'รหัสพื้นที่', 'วันเกิด', 'โทรศัพท์', 'ติดเตียง']);
    const first = ws.addRow(['ประไพ', 'สมุดงาน', '901101-R03', new Date(Date.UTC(1975, 2, 12)), 812340000, 'ใช่']);
    first.getCell(4).numFmt = 'dd/mm/yyyy';
    ws.addRow(['ประยูร', 'สมุดงาน', '901101-R03', '1/1/2520', '0812340001', 'ไม่ใช่']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());

    const context = await newContext(browser, app.baseUrl, { lang: 'th' });
    const page = await context.newPage();
    try {
      await logIn(page, COORDINATOR.email, COORDINATOR.password);
      await page.goto('/registry/import');
      await page.locator('input[type="file"][name="file"]').setInputFiles({ name: 'บัญชีรายชื่อ.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
      await page.getByTestId('file-read').waitFor();
      assert.match(await page.getByTestId('file-read').innerText(), /6 คอลัมน์/);
      assert.equal(await page.getByLabel('ชื่อรายชื่อ').inputValue(), 'บัญชีรายชื่อ');
      await page.getByRole('button', { name: 'ถัดไป' }).click();
      const mapping = page.getByTestId('mapping');
      assert.equal(await mapping.locator('select[data-column="รหัสพื้นที่"]').inputValue(), 'areaCode');
      assert.equal(await mapping.locator('select[data-column="วันเกิด"]').inputValue(), 'birthDate');
      assert.equal(await mapping.locator('select[data-column="ติดเตียง"]').inputValue(), 'bedridden');
      // a health column: no next step until the list's legal basis is given
      assert.match(await page.getByRole('alert').innerText(), /ติดเตียง[\s\S]*มาตรา 26/);
      assert.equal(await page.getByRole('button', { name: 'ถัดไป' }).isDisabled(), true);
      const basis = page.getByTestId('legal-basis');
      await basis.getByLabel('ฐานทางกฎหมาย').selectOption('public_task');
      await basis.getByLabel('อ้างอิง (ไม่บังคับ)').fill('บันทึกข้อตกลง รพ.สต. 2568');
      await snap(page, 'import-legal-basis-th-1280');
      await page.getByRole('button', { name: 'ถัดไป' }).click();
      await page.getByTestId('import-preview').waitFor();
      assert.match(await page.getByTestId('import-preview').innerText(), /ประไพ[\s\S]*1975-03-12/);
      assert.equal((await page.getByTestId('import-preview').locator('thead th').first().innerText()).trim(), 'แถว', 'a workbook has rows, not lines');
      await page.getByRole('button', { name: 'นำเข้า', exact: true }).click();
      await page.locator('[data-count="inserted"] dd', { hasText: '2' }).waitFor();
      const stored = await app.sql<{ id: string; phone: string; birthDate: string; bedridden: string; legalBasis: string }[]>`
        select id, phone, to_char(birth_date, 'YYYY-MM-DD') as birth_date, bedridden, legal_basis from persons where last_name = 'สมุดงาน' order by phone`;
      assert.deepEqual(stored.map((r) => [r.phone, r.birthDate, r.bedridden, r.legalBasis]), [
        ['0812340000', '1975-03-12', 'yes', 'public_task'],
        ['0812340001', '1977-01-01', 'no', 'public_task'],
      ]);
      // the person page says on what basis the health data is held, who recorded it and on what
      await page.goto(`/registry/people/${stored[0]!.id}`);
      const record = page.getByTestId('legal-basis-record');
      await record.waitFor();
      assert.match(await record.innerText(), /ภารกิจเพื่อประโยชน์สาธารณะ[\s\S]*บันทึกโดย[\s\S]*บันทึกข้อตกลง รพ\.สต\. 2568/);
    } finally {
      await context.close();
    }
  });

  it('shows public figures without login, with small counts withheld', async () => {
    const context = await newContext(browser, app.baseUrl, { lang: 'th', width: 360 });
    const page = await context.newPage();
    try {
      await page.goto('/login');
      await page.getByRole('link', { name: 'ตัวเลขสาธารณะ' }).click();
      await page.waitForURL((u) => u.pathname === '/public/TH');
      await page.getByTestId('dashboard-children').getByRole('link', { name: 'สงขลา', exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/public/90');
      await page.locator('main h1', { hasText: 'สงขลา' }).waitFor();
      const children = page.getByTestId('dashboard-children');
      await children.getByText('น้อยกว่า 5').first().waitFor();
      assert.ok(await page.getByText('ตัวเลขที่น้อยกว่า 5 ไม่แสดง').isVisible(), 'the page says why');
      assert.ok((await mainOverflow(page)) <= 1, 'the public dashboard fits 360 px');
      await snap(page, 'public-90-th-360');

      await page.getByRole('button', { name: 'English', exact: true }).click();
      await page.locator('main h1', { hasText: 'Songkhla' }).waitFor();
      await children.getByText('< 5').first().waitFor();
      await page.setViewportSize({ width: 1280, height: 800 });
      await snap(page, 'public-90-en-1280');
    } finally {
      await context.close();
    }
  });
});
