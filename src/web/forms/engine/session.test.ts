import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FormDefinition, FormNode, GroupNode, QuestionNode, RepeatNode } from '../../../lib/forms/model.js';
import { FormSession, type SessionEnv } from './session.js';
import { instanceToXml, xmlToElement } from './xml.js';
import { pickFormLanguage } from './language.js';

const TH = 'Thai (th)';
const EN = 'English (en)';
const src = { sheet: 'survey', row: 1 };

function q(path: string, extra: Partial<QuestionNode> = {}): QuestionNode {
  const name = path.split('/').pop() ?? '';
  return { kind: 'question', name, path, source: src, type: 'text', bindType: 'string', label: { [TH]: `ท-${name}`, [EN]: `E-${name}` }, ...extra };
}

function g(path: string, children: FormNode[], extra: Partial<GroupNode> = {}): GroupNode {
  return { kind: 'group', name: path.split('/').pop() ?? '', path, source: src, children, ...extra };
}

function r(path: string, children: FormNode[], extra: Partial<RepeatNode> = {}): RepeatNode {
  return { kind: 'repeat', name: path.split('/').pop() ?? '', path, source: src, children, ...extra };
}

function form(children: FormNode[], extra: Partial<FormDefinition> = {}): FormDefinition {
  return {
    formId: 'hh',
    version: '3',
    title: 'HH',
    languages: [TH, EN],
    defaultLanguage: TH,
    root: g('/data', [
      ...children,
      g('/data/meta', [
        q('/data/meta/instanceID', { type: 'calculate', readonly: true, preload: { preload: 'uid' } }),
        q('/data/meta/instanceName', { type: 'calculate', calculation: "concat(/data/village, '-', count(/data/members))" }),
      ]),
    ]),
    choices: {
      tenure: [
        { name: 'owner', label: { [TH]: 'เจ้าของ', [EN]: 'Owner' } },
        { name: 'renter', label: { [TH]: 'เช่า', [EN]: 'Renter' } },
      ],
      village: [
        { name: 'v1', label: { [TH]: 'บ้าน 1' }, properties: { district: 'a' } },
        { name: 'v2', label: { [TH]: 'บ้าน 2' }, properties: { district: 'b' } },
        { name: 'v3', label: { [TH]: 'บ้าน 3' }, properties: { district: 'a' } },
      ],
    },
    settings: {},
    ...extra,
  };
}

let n = 0;
const env: SessionEnv = { uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, deviceId: 'ruamjai:dev', username: 'v@x', email: 'v@x', now: () => new Date('2026-11-23T02:00:00Z') };

const household = form([
  q('/data/start', { type: 'start', bindType: 'dateTime' }),
  q('/data/village', { required: true }),
  g('/data/hh', [
    q('/data/hh/income', { type: 'integer', bindType: 'int', constraint: '. >= 0', constraintMessage: { [TH]: 'ต้องไม่ติดลบ', [EN]: 'Cannot be negative' } }),
    q('/data/hh/tenure', { type: 'select_one', listName: 'tenure' }),
    q('/data/hh/landlord', { relevant: "/data/hh/tenure = 'renter'" }),
    q('/data/hh/double', { type: 'calculate', calculation: '/data/hh/income * 2' }),
  ]),
  r('/data/members', [q('/data/members/name', { required: true }), q('/data/members/age', { type: 'integer', bindType: 'int' }), q('/data/members/adult', { type: 'calculate', calculation: 'if(../age >= 18, 1, 0)' })]),
]);

function node(s: FormSession, path: string) {
  const parts = path.split('/').filter(Boolean).slice(1);
  let cur = s.root;
  for (const p of parts) {
    const m = /^(.+?)(?:\[(\d+)\])?$/.exec(p);
    const list = cur.children.filter((c) => c.name === m?.[1]);
    const next = list[Number(m?.[2] ?? 1) - 1];
    if (!next) throw new Error(`no ${path}`);
    cur = next;
  }
  return cur;
}

describe('FormSession', () => {
  it('builds a new instance with metadata, one repeat instance and an instanceID', () => {
    const s = FormSession.create(household, env, TH);
    assert.equal(s.root.attributes?.id, 'hh');
    assert.equal(s.root.attributes?.version, '3');
    assert.match(s.instanceId, /^uuid:[0-9a-f-]{36}$/);
    assert.match(node(s, '/data/start').value, /^2026-11-23T\d\d:00:00\.000[+-]\d\d:\d\d$/);
    assert.equal(s.root.children.filter((c) => c.name === 'members').length, 1);
  });

  it('runs calculations, relevance (keeping hidden answers aside) and constraints live', () => {
    const s = FormSession.create(household, env, TH);
    s.setValue(node(s, '/data/hh/income'), '4500');
    assert.equal(node(s, '/data/hh/double').value, '9000');
    const landlord = node(s, '/data/hh/landlord');
    assert.equal(s.isRelevant(landlord), false);
    s.setValue(node(s, '/data/hh/tenure'), 'renter');
    assert.equal(s.isRelevant(landlord), true);
    s.setValue(landlord, 'นายก');
    s.setValue(node(s, '/data/hh/tenure'), 'owner');
    assert.equal(landlord.value, '', 'a non-relevant answer is left empty');
    assert.match(instanceToXml(s.root), /<landlord\/>/);
    s.setValue(node(s, '/data/hh/tenure'), 'renter');
    assert.equal(landlord.value, 'นายก', 'and comes back when relevant again');

    s.setValue(node(s, '/data/hh/income'), '-5');
    const issue = s.issueOf(node(s, '/data/hh/income'));
    assert.equal(issue?.kind, 'constraint');
    assert.equal(issue?.message, 'ต้องไม่ติดลบ');
    s.setLanguage(EN);
    assert.equal(s.issueOf(node(s, '/data/hh/income'))?.message, 'Cannot be negative');
    s.setValue(node(s, '/data/hh/income'), '12x');
    assert.equal(s.issueOf(node(s, '/data/hh/income'))?.kind, 'integer');
  });

  it('validates required answers in repeats and adds and removes instances', () => {
    const s = FormSession.create(household, env, TH);
    const kinds = () => s.validate().map((i) => `${i.model.name}:${i.kind}`);
    assert.deepEqual(kinds(), ['village:required', 'name:required']);
    s.setValue(node(s, '/data/village'), 'ชุมชน');
    s.setValue(node(s, '/data/members/name'), 'ก');
    s.setValue(node(s, '/data/members/age'), '30');
    assert.equal(node(s, '/data/members/adult').value, '1');
    const second = s.addRepeat(s.root, household.root.children[3] as RepeatNode);
    assert.equal(s.instanceName, 'ชุมชน-2');
    assert.deepEqual(kinds(), ['name:required']);
    s.setValue(node(s, '/data/members[2]/age'), '7');
    assert.equal(node(s, '/data/members[2]/adult').value, '0');
    assert.equal(node(s, '/data/members[1]/adult').value, '1');
    s.removeRepeat(second);
    assert.deepEqual(kinds(), []);
    assert.equal(s.instanceName, 'ชุมชน-1');
  });

  it('writes the XForm instance and reads it back for an edit with deprecatedID', () => {
    const s = FormSession.create(household, env, TH);
    s.setValue(node(s, '/data/village'), 'A & B <c>');
    s.setValue(node(s, '/data/members/name'), 'ก');
    const xml = instanceToXml(s.root);
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?><data xmlns:jr="http:\/\/openrosa.org\/javarosa" xmlns:orx="http:\/\/openrosa.org\/xforms" id="hh" version="3">/);
    assert.match(xml, /<start>[^<]+<\/start><village>A &amp; B &lt;c&gt;<\/village><hh><income\/><tenure\/><landlord\/><double\/><\/hh><members><name>ก<\/name><age\/><adult>0<\/adult><\/members><meta><instanceID>uuid:/);
    const old = s.instanceId;
    const e = FormSession.fromElement(household, env, TH, xmlToElement(xml));
    e.markAsEditOf(old);
    assert.notEqual(e.instanceId, old);
    assert.equal(e.deprecatedId, old);
    assert.equal(node(e, '/data/village').value, 'A & B <c>');
    assert.match(instanceToXml(e.root), /<meta><instanceID>uuid:[^<]+<\/instanceID><deprecatedID>uuid:[^<]+<\/deprecatedID><instanceName>/);
  });

  it('round-trips a draft snapshot, hidden answers included', () => {
    const s = FormSession.create(household, env, TH);
    s.setValue(node(s, '/data/hh/tenure'), 'renter');
    s.setValue(node(s, '/data/hh/landlord'), 'x');
    s.setValue(node(s, '/data/hh/tenure'), 'owner');
    const snap = JSON.parse(JSON.stringify(s.snapshot())) as ReturnType<FormSession['snapshot']>;
    const back = FormSession.fromSnapshot(household, env, TH, snap);
    assert.equal(node(back, '/data/hh/landlord').value, '');
    back.setValue(node(back, '/data/hh/tenure'), 'renter');
    assert.equal(node(back, '/data/hh/landlord').value, 'x');
    assert.equal(back.instanceId, s.instanceId);
  });

  it('filters choices, follows repeat_count and keeps removed instances aside', () => {
    const f = form([
      q('/data/village'),
      q('/data/district'),
      q('/data/v', { type: 'select_one', listName: 'village', choiceFilter: 'district = /data/district' }),
      q('/data/n', { type: 'integer', bindType: 'int' }),
      r('/data/members', [q('/data/members/name')], { repeatCount: '/data/n' }),
    ]);
    const s = FormSession.create(f, env, TH);
    assert.deepEqual(s.choices(node(s, '/data/v')).map((c) => c.name), []);
    s.setValue(node(s, '/data/district'), 'a');
    assert.deepEqual(s.choices(node(s, '/data/v')).map((c) => c.name), ['v1', 'v3']);
    assert.equal(s.root.children.filter((c) => c.name === 'members').length, 0);
    s.setValue(node(s, '/data/n'), '3');
    assert.equal(s.root.children.filter((c) => c.name === 'members').length, 3);
    s.setValue(node(s, '/data/members[3]/name'), 'สาม');
    s.setValue(node(s, '/data/n'), '2');
    assert.equal(s.root.children.filter((c) => c.name === 'members').length, 2);
    s.setValue(node(s, '/data/n'), '3');
    assert.equal(node(s, '/data/members[3]/name').value, 'สาม');
    // members stay before meta
    assert.deepEqual(s.root.children.map((c) => c.name), ['village', 'district', 'v', 'n', 'members', 'members', 'members', 'meta']);
  });

  it('runs dynamic defaults (also in new repeat instances) and trigger recalculations', () => {
    const f = form([
      q('/data/village'),
      q('/data/copy', { calculation: 'concat(/data/village, "!")', trigger: '/data/village' }),
      q('/data/when', { type: 'date', bindType: 'date', dynamicDefault: 'today()' }),
      r('/data/members', [q('/data/members/n', { type: 'integer', bindType: 'int', dynamicDefault: 'position(..)' })]),
    ]);
    const s = FormSession.create(f, env, TH);
    assert.match(node(s, '/data/when').value, /^2026-11-2[23]$/);
    assert.equal(node(s, '/data/members/n').value, '1');
    s.addRepeat(s.root, f.root.children[3] as RepeatNode);
    assert.equal(node(s, '/data/members[2]/n').value, '2');
    assert.equal(node(s, '/data/copy').value, '');
    s.setValue(node(s, '/data/village'), 'A');
    assert.equal(node(s, '/data/copy').value, 'A!');
    s.setValue(node(s, '/data/copy'), 'typed');
    assert.equal(node(s, '/data/copy').value, 'typed', 'only the trigger recalculates it');
  });

  it('hides a repeat that is not relevant, even before it has instances', () => {
    const f = form([q('/data/has'), r('/data/kids', [q('/data/kids/name')], { relevant: "/data/has = 'yes'" })]);
    const s = FormSession.create(f, env, TH);
    const kids = f.root.children[1] as RepeatNode;
    assert.equal(s.repeatRelevant(s.root, kids), false);
    s.setValue(node(s, '/data/has'), 'yes');
    assert.equal(s.repeatRelevant(s.root, kids), true);
    s.removeRepeat(node(s, '/data/kids'));
    s.setValue(node(s, '/data/has'), 'no');
    assert.equal(s.repeatRelevant(s.root, kids), false);
  });

  it('fills ${name} references in labels', () => {
    const f = form([q('/data/village'), q('/data/note', { type: 'note', label: { [TH]: 'หมู่บ้าน ${village}', [EN]: 'Village ${village}' } })]);
    const s = FormSession.create(f, env, EN);
    s.setValue(node(s, '/data/village'), 'Khlong Hae');
    const m = s.model(node(s, '/data/note'));
    assert.equal(s.text(m?.label, node(s, '/data/note')), 'Village Khlong Hae');
  });
});

describe('pickFormLanguage', () => {
  it('matches the app language by code or name, else the default, else the first', () => {
    assert.equal(pickFormLanguage({ languages: [TH, EN], defaultLanguage: TH }, 'en'), EN);
    assert.equal(pickFormLanguage({ languages: ['Thai', 'English'] }, 'en'), 'English');
    assert.equal(pickFormLanguage({ languages: ['th', 'en'] }, 'th'), 'th');
    assert.equal(pickFormLanguage({ languages: ['Malay (ms)', EN], defaultLanguage: 'Malay (ms)' }, 'th'), 'Malay (ms)');
    assert.equal(pickFormLanguage({ languages: ['default'] }, 'en'), 'default');
  });
});
