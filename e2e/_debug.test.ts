import { startTestApp } from '../src/testing/app.js';
import { call, login } from '../src/testing/http.js';
import { launchBrowser, logIn, newContext, horizontalOverflow } from './browser.js';
import { DEMO_PASSWORD } from '../src/modules/demo/seed.js';
const app = await startTestApp({ demo: true });
const browser = await launchBrowser();
try {
  const a = await login(app.app, 'caseworker@demo.ruamjai.local', DEMO_PASSWORD);
  const people = (await app.sql<{ id: string }[]>`select id from persons where area_code like '901101%' limit 3`);
  const orgs = await app.sql<{ id: string; nameEn: string }[]>`select id, name_en from organizations`;
  const edu = orgs.find((o) => o.nameEn.startsWith('Education'))!.id;
  const ids: string[] = [];
  for (const [i, p] of people.entries()) {
    const c = await call<{ id: string }>(app.app, 'POST', '/api/v1/cases', { cookie: a, body: { subjectType: 'person', subjectId: p.id, type: ['housing', 'transport', 'education'][i], priority: ['urgent', 'normal', 'low'][i], due: i === 0 ? '2024-01-05' : undefined, assignee: undefined } });
    ids.push(c.body.id);
    if (i < 2) await call(app.app, 'POST', `/api/v1/cases/${c.body.id}/referrals`, { cookie: a, body: { toOrg: edu, reason: 'ช่วยดูเรื่องการเรียน '.repeat(i + 1), sharedFields: ['age', 'sex', 'phone'] } });
  }
  await app.sql`update referrals set due_at = now() - interval '1 day' where case_id = ${ids[0]!}`;
  const t = await login(app.app, 'teacher@demo.ruamjai.local', DEMO_PASSWORD);
  await call(app.app, 'POST', `/api/v1/cases/${ids[0]}/events`, { cookie: a, body: { kind: 'note', body: 'x' } });
  for (const lang of ['en', 'th'] as const) {
    for (const [who, w] of [['teacher', 360], ['caseworker', 360], ['caseworker', 1280]] as const) {
      const ctx = await newContext(browser, app.baseUrl, { lang, width: w, height: 800 });
      const page = await ctx.newPage();
      await logIn(page, `${who}@demo.ruamjai.local`, DEMO_PASSWORD);
      await page.waitForTimeout(500);
      await page.getByTestId('bell').click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `/tmp/shots/${lang}-${who}-${w}-bell.png` });
      await page.keyboard.press('Escape');
      for (const p of ['/cases?tab=org', '/cases?tab=overdue', '/cases?tab=in', '/cases?tab=out', `/cases/${ids[0]}`]) {
        await page.goto(p);
        await page.waitForTimeout(700);
        const o = await horizontalOverflow(page);
        console.log(lang, who, w, p, o.scrollWidth, o.clientWidth);
        await page.screenshot({ path: `/tmp/shots/${lang}-${who}-${w}${p.replace(/[/?=]/g, '_').slice(0, 30)}.png`, fullPage: true });
      }
      await ctx.close();
    }
  }
  void t;
} finally {
  await browser.close();
  await app.close();
}
