import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { FormDefinition, QuestionNode, XlsFormIssue } from '../forms/model.js';
import { walk } from '../forms/model.js';
import { formHash, readXlsForm, toXForm } from './index.js';

type Sheets = Record<string, (string | number | boolean | null)[][]>;

async function xlsx(sheets: Sheets): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function form(sheets: Sheets): Promise<FormDefinition> {
  const r = await readXlsForm(await xlsx(sheets), 'test_form.xlsx');
  if ('issues' in r) assert.fail(JSON.stringify(r.issues, null, 2));
  return r.form;
}

async function issuesOf(sheets: Sheets): Promise<XlsFormIssue[]> {
  const r = await readXlsForm(await xlsx(sheets), 'test_form.xlsx');
  assert.ok('issues' in r, 'expected issues');
  for (const i of r.issues) {
    assert.ok(i.message.length > 0);
    assert.ok(/[\u0E00-\u0E7F]/.test(i.messageTh), `Thai message expected: ${i.messageTh}`);
  }
  return r.issues;
}

function question(f: FormDefinition, name: string): QuestionNode {
  for (const n of walk(f.root)) if (n.kind === 'question' && n.name === name) return n;
  throw new Error(`no question ${name}`);
}

const HEAD = ['type', 'name', 'label'];

describe('XLSForm issues name sheet, row and column', () => {
  it('unknown type', async () => {
    const issues = await issuesOf({ survey: [HEAD, ['text', 'a', 'A'], ['txet', 'b', 'B']] });
    assert.deepEqual(issues.map((i) => [i.sheet, i.row, i.column]), [['survey', 3, 'type']]);
    assert.match(issues[0]!.message, /Unknown question type "txet"/);
  });

  it('undefined ${name}', async () => {
    const issues = await issuesOf({ survey: [[...HEAD, 'relevant'], ['integer', 'age', 'Age'], ['text', 'job', 'Job', '${agee} > 15']] });
    assert.deepEqual(issues.map((i) => [i.sheet, i.row, i.column]), [['survey', 3, 'relevant']]);
    assert.match(issues[0]!.message, /agee/);
  });

  it('undefined ${name} in a translated label', async () => {
    const issues = await issuesOf({ survey: [['type', 'name', 'label::Thai (th)'], ['note', 'n', 'สวัสดี ${nobody}']] });
    assert.deepEqual(issues.map((i) => [i.sheet, i.row, i.column]), [['survey', 2, 'label::Thai (th)']]);
  });

  it('missing choice list', async () => {
    const issues = await issuesOf({
      survey: [HEAD, ['select_one yesno', 'q', 'Q?']],
      choices: [['list_name', 'name', 'label'], ['yes_no', 'yes', 'Yes']],
    });
    assert.deepEqual(issues.map((i) => [i.sheet, i.row, i.column]), [['survey', 2, 'type']]);
    assert.match(issues[0]!.message, /"yesno"/);
  });

  it('duplicate name in the same group (but not in different groups)', async () => {
    const issues = await issuesOf({
      survey: [HEAD, ['text', 'a', 'A'], ['begin_group', 'g', 'G'], ['text', 'a', 'A in g'], ['end_group'], ['integer', 'a', 'A again']],
    });
    assert.deepEqual(issues.map((i) => [i.sheet, i.row, i.column]), [['survey', 6, 'name']]);
    assert.match(issues[0]!.message, /row 2/);
  });

  it('unmatched begin', async () => {
    const issues = await issuesOf({ survey: [HEAD, ['begin group', 'g', 'G'], ['text', 'a', 'A']] });
    assert.deepEqual(issues.map((i) => [i.sheet, i.row, i.column]), [['survey', 2, 'type']]);
  });

  it('unmatched end', async () => {
    const issues = await issuesOf({ survey: [HEAD, ['text', 'a', 'A'], ['end repeat']] });
    assert.deepEqual(issues.map((i) => [i.sheet, i.row, i.column]), [['survey', 3, 'type']]);
  });

  it('missing name', async () => {
    const issues = await issuesOf({ survey: [HEAD, ['text', null, 'No name']] });
    assert.deepEqual(issues.map((i) => [i.sheet, i.row, i.column]), [['survey', 2, 'name']]);
  });

  it('missing label', async () => {
    const issues = await issuesOf({ survey: [HEAD, ['text', 'silent', null], ['calculate', 'c', null]] });
    // The text without a label, and the calculate without a calculation:
    assert.deepEqual(
      issues.map((i) => [i.sheet, i.row, i.column]).sort(),
      [['survey', 2, 'label'], ['survey', 3, 'calculation']],
    );
  });

  it('duplicate choice and a space in a select_multiple choice', async () => {
    const issues = await issuesOf({
      survey: [HEAD, ['select_multiple c', 'q', 'Q']],
      choices: [['list_name', 'name', 'label'], ['c', 'a', 'A'], ['c', 'a', 'A2'], ['c', 'b c', 'BC']],
    });
    assert.deepEqual(issues.map((i) => [i.sheet, i.row, i.column]), [['choices', 3, 'name'], ['choices', 4, 'name']]);
  });

  it('names the cell and position of an expression syntax error', async () => {
    const issues = await issuesOf({
      survey: [
        ['type', 'name', 'label', 'relevant', 'constraint'],
        ['integer', 'age', 'Age', '', ''],
        ['text', 'school', 'School', '${age} >>= 6', ''],
        ['integer', 'kids', 'Kids', '', 'regex(., '],
      ],
    });
    const rel = issues.find((i) => i.row === 3 && i.column === 'relevant');
    assert.ok(rel, JSON.stringify(issues));
    // '${age} >' is read as a comparison; the second '>' (character 8 from 0) is the error.
    assert.match(rel.message, /position 8/, 'position within the cell text, ${age} counted as written');
    assert.ok(issues.some((i) => i.row === 4 && i.column === 'constraint'));
  });

  it('rejects an unknown function but accepts ODK functions the engine leaves to the phone', async () => {
    const issues = await issuesOf({ survey: [['type', 'name', 'calculation'], ['calculate', 'x', 'foo(1)'], ['calculate', 'y', "area('1 2 0 0; 1 3 0 0; 2 3 0 0')"]] });
    assert.deepEqual(issues.map((i) => [i.row, i.column]), [[2, 'calculation']]);
    assert.match(issues[0]!.message, /foo/);
  });

  it('reports calculations that depend on each other in a circle', async () => {
    const issues = await issuesOf({ survey: [['type', 'name', 'calculation'], ['calculate', 'a', '${b} + 1'], ['calculate', 'b', '${a} * 2']] });
    assert.ok(issues.some((i) => i.column === 'calculation' && /a → b → a|b → a → b/.test(i.message)), JSON.stringify(issues));
  });

  it('reports every problem, not just the first', async () => {
    const issues = await issuesOf({
      survey: [[...HEAD, 'constraint'], ['txet', 'a', 'A'], ['text', 'b', 'B', '. > ${zz}'], ['select_one nope', 'c', 'C'], ['begin repeat', 'r', 'R']],
    });
    assert.deepEqual(
      issues.map((i) => [i.row, i.column]),
      [[2, 'type'], [4, 'type'], [5, 'type'], [3, 'constraint']],
    );
  });

  it('refuses legacy .xls with a clear message', async () => {
    const r = await readXlsForm(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xls');
    assert.ok('issues' in r);
    assert.match(r.issues[0]!.message, /save it as \.xlsx/);
    assert.match(r.issues[0]!.messageTh, /\.xlsx/);
  });

  it('warns about a misspelled column without failing', async () => {
    const r = await readXlsForm(await xlsx({ survey: [[...HEAD, 'relevnt'], ['text', 'a', 'A', 'x']] }), 'f.xlsx');
    assert.ok('form' in r);
    assert.deepEqual(r.warnings.map((w) => [w.sheet, w.row, w.column]), [['survey', 1, 'relevnt']]);
    assert.match(r.warnings[0]!.message, /did you mean "relevant"/);
  });

  it('warns about a misspelled sheet name', async () => {
    const r = await readXlsForm(await xlsx({ survey: [HEAD, ['text', 'a', 'A']], stettings: [['form_id'], ['x']] }), 'f.xlsx');
    assert.ok('form' in r);
    assert.equal(r.form.formId, 'f');
    assert.deepEqual(r.warnings.map((w) => [w.sheet, w.message]), [['stettings', 'The sheet "stettings" is ignored: did you mean "settings"?']]);
  });
});

describe('Thai labels in two languages', () => {
  it('writes itext per language with the default language marked', async () => {
    const f = await form({
      survey: [
        ['type', 'name', 'label::Thai (th)', 'label::English (en)', 'hint::Thai (th)', 'constraint', 'constraint_message::Thai (th)', 'constraint_message::English (en)'],
        ['integer', 'age', 'อายุ (ปี)', 'Age (years)', 'นับตามปีพุทธศักราช', '. < 130', 'อายุไม่ถูกต้อง', 'Invalid age'],
        ['select_one sex', 'sex', 'เพศของ ${age}', 'Sex', null, null, null, null],
      ],
      choices: [['list_name', 'name', 'label::Thai (th)', 'label::English (en)'], ['sex', 'm', 'ชาย', 'Male'], ['sex', 'f', 'หญิง', 'Female']],
      settings: [['form_title', 'form_id', 'version', 'default_language'], ['สำรวจครัวเรือน', 'household', '2024061501', 'Thai (th)']],
    });
    assert.deepEqual(f.languages, ['Thai (th)', 'English (en)']);
    assert.equal(f.defaultLanguage, 'Thai (th)');
    assert.deepEqual(question(f, 'age').label, { 'Thai (th)': 'อายุ (ปี)', 'English (en)': 'Age (years)' });
    const xml = toXForm(f);
    assert.match(xml, /<h:title>สำรวจครัวเรือน<\/h:title>/);
    assert.match(xml, /<translation lang="Thai \(th\)" default="true\(\)">/);
    assert.match(xml, /<translation lang="English \(en\)">/);
    assert.match(xml, /<text id="\/data\/age:label">\s*<value>อายุ \(ปี\)<\/value>/);
    assert.match(xml, /<value>เพศของ <output value=" \/data\/age "\/><\/value>/);
    assert.match(xml, /<text id="sex-0">\s*<value>ชาย<\/value>/);
    assert.match(xml, /<label ref="jr:itext\('\/data\/age:label'\)"\/>/);
    assert.match(xml, /jr:constraintMsg="jr:itext\('\/data\/age:jr:constraintMsg'\)"/);
    assert.match(xml, /<itextId>sex-1<\/itextId>/);
    assert.match(xml, /<data id="household" version="2024061501">/);
    // The English hint is missing: pyxform writes "-".
    assert.match(xml, /<translation lang="English \(en\)">[\s\S]*<text id="\/data\/age:hint">\s*<value>-<\/value>/);
  });
});

describe('CSV XLSForms', () => {
  it('reads stacked sheets named in the first column', async () => {
    const csv = [
      'survey,type,name,label,relevant',
      ',text,name,ชื่อ,',
      ',select_one yn,ok,OK?,${name} != \'\'',
      ',begin repeat,kids,Children,',
      ',integer,age,Age,',
      ',end repeat,,,',
      'choices,list_name,name,label,',
      ',yn,yes,Yes,',
      ',yn,no,No,',
      'settings,,,,',
      ',form_title,form_id,,',
      ',CSV form,csv_form,,',
    ].join('\n');
    const r = await readXlsForm(Buffer.from(csv, 'utf8'), 'form.csv');
    if ('issues' in r) assert.fail(JSON.stringify(r.issues));
    assert.equal(r.form.formId, 'csv_form');
    assert.equal(r.form.title, 'CSV form');
    assert.equal(question(r.form, 'ok').relevant, " /data/name  != ''");
    assert.equal(question(r.form, 'age').path, '/data/kids/age');
    assert.deepEqual(r.form.choices.yn?.map((c) => c.name), ['yes', 'no']);
    assert.match(toXForm(r.form), /<kids jr:template="">/);
  });

  it('names the CSV sheet and sheet row in issues', async () => {
    const csv = ['survey,type,name,label', ',text,a,A', ',bogus,b,B'].join('\n');
    const r = await readXlsForm(Buffer.from(csv), 'form.csv');
    assert.ok('issues' in r);
    assert.deepEqual(r.issues.map((i) => [i.sheet, i.row, i.column]), [['survey', 3, 'type']]);
  });
});

describe('references and repeats', () => {
  it('uses relative paths inside a repeat and a generated count node', async () => {
    const f = await form({
      survey: [
        ['type', 'name', 'label', 'relevant', 'repeat_count', 'choice_filter'],
        ['integer', 'n', 'How many?', null, null, null],
        ['begin_repeat', 'member', 'Member', null, '${n} + 1', null],
        ['text', 'mname', 'Name', null, null, null],
        ['integer', 'mage', 'Age', '${mname} != \'\' and ${n} > 0', null, null],
        ['select_one c', 'pick', 'Pick', null, null, 'cf = ${mname}'],
        ['end_repeat', null, null, null, null, null],
      ],
      choices: [['list_name', 'name', 'label', 'cf'], ['c', 'a', 'A', 'x']],
    });
    assert.equal(question(f, 'mage').relevant, " ../mname  != '' and  /data/n  > 0");
    assert.equal(question(f, 'pick').choiceFilter, 'cf =  current()/../mname ');
    const xml = toXForm(f);
    assert.match(xml, /<bind nodeset="\/data\/member_count" type="string" calculate=" \/data\/n {2}\+ 1" readonly="true\(\)"\/>/);
    assert.match(xml, /jr:count=" \/data\/member_count "/);
    assert.match(xml, /nodeset="instance\('c'\)\/root\/item\[cf = {2}current\(\)\/\.\.\/mname \]"/);
  });

  it('hashes the XForm as OpenRosa expects', () => {
    assert.equal(formHash('abc'), 'md5:900150983cd24fb0d6963f7d28e17f72');
  });
});
