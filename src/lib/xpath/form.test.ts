import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FormDefinition } from '../forms/model.js';
import { at, household } from './fixtures.test-helpers.js';
import { choiceInstancesFor, choiceLabelsFor, evaluateNodes, evaluateString, pickLabel } from './index.js';

const src = { sheet: 'survey', row: 2 };
const form: FormDefinition = {
  formId: 'household',
  version: '1',
  title: 'Household',
  languages: ['Thai (th)', 'English (en)'],
  defaultLanguage: 'Thai (th)',
  root: {
    kind: 'group',
    name: 'household',
    path: '/household',
    source: src,
    children: [
      { kind: 'question', type: 'select_multiple', bindType: 'string', name: 'school', path: '/household/school', listName: 'yn', source: src },
      {
        kind: 'repeat',
        name: 'members',
        path: '/household/members',
        source: src,
        children: [{ kind: 'question', type: 'select_one', bindType: 'string', name: 'sex', path: '/household/members/sex', listName: 'sex', source: src }],
      },
    ],
  },
  choices: {
    yn: [
      { name: 'yes', label: { 'Thai (th)': 'ใช่', 'English (en)': 'Yes' } },
      { name: 'no', label: { 'Thai (th)': 'ไม่ใช่', 'English (en)': 'No' } },
    ],
    sex: [
      { name: 'm', label: { 'Thai (th)': 'ชาย', 'English (en)': 'Male' }, properties: { code: '1' } },
      { name: 'f', label: { 'English (en)': 'Female' }, properties: { code: '2' } },
    ],
  },
  settings: {},
};

describe('form model glue', () => {
  it('picks a label by column key or language code, falling back to the default language', () => {
    const label = { 'Thai (th)': 'ชาย', 'English (en)': 'Male' };
    assert.equal(pickLabel(label, 'English (en)'), 'Male');
    assert.equal(pickLabel(label, 'en'), 'Male');
    assert.equal(pickLabel(label, 'th'), 'ชาย');
    assert.equal(pickLabel(label, 'fr', 'Thai (th)'), 'ชาย');
    assert.equal(pickLabel({ default: 'x' }, 'th'), 'x');
  });

  it('answers jr:choice-name from the form, in the active language', () => {
    const root = household();
    const th = { ...at(root, '/household/members[2]/note'), choiceLabel: choiceLabelsFor(form, 'th') };
    assert.equal(evaluateString("jr:choice-name(../sex, ' /household/members/sex ')", th), 'Female', 'no Thai label: first/default');
    assert.equal(evaluateString("jr:choice-name(selected-at(/household/school, 0), ' /household/school ')", th), 'ไม่ใช่');
    const en = { ...th, choiceLabel: choiceLabelsFor(form, 'English (en)') };
    assert.equal(evaluateString("jr:choice-name(selected-at(/household/school, 1), ' /household/school ')", en), 'Yes');
    assert.equal(evaluateString("jr:choice-name('zz', ' /household/school ')", en), '');
  });

  it('makes one secondary instance per choice list, for itemsets with filters', () => {
    const root = household();
    const ctx = { ...at(root), instances: choiceInstancesFor(form, 'en') };
    assert.deepEqual(
      evaluateNodes("instance('sex')/root/item[code > 1]/label", ctx).map((n) => n.value),
      ['Female'],
    );
    assert.equal(evaluateString("instance('yn')/root/item[name = 'no']/label", { ...ctx, instances: choiceInstancesFor(form, 'th') }), 'ไม่ใช่');
  });
});
