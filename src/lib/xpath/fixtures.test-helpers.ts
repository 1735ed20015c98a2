/** Shared test fixtures for the expression engine (not a test file itself). */
import { fromPlainObject, instanceFromRows, resolvePath, type EvaluationContext, type InstanceNode } from './index.js';

/** 2024-03-05 10:30 in Bangkok (03:30 UTC), a Tuesday. */
export const NOW = new Date(Date.UTC(2024, 2, 5, 3, 30, 0));

export function household(): InstanceNode {
  return fromPlainObject('household', {
    '@id': 'hh_survey',
    hh_id: 'H001',
    village: '90110101',
    district: '9011',
    income: '12000',
    expenses: '',
    school: 'no yes',
    flag: 'false',
    visit_date: '2024-03-01',
    members: [
      { name: 'Somchai', age: '42', dob: '1982-03-01', sex: 'm', income: '9000', note: '' },
      { name: 'Malee', age: '9', dob: '2014-07-15', sex: 'f', income: '', note: '' },
      { name: 'Dang', age: '', dob: '', sex: 'm', income: '3000', note: '' },
    ],
    meta: { instanceID: 'uuid:1' },
  });
}

export const villages = instanceFromRows([
  { name: '90110101', label: 'บ้านบน', district: '9011' },
  { name: '90110102', label: 'บ้านล่าง', district: '9011' },
  { name: '90120101', label: 'บ้านใหม่', district: '9012' },
]);

/** A context at `path` of the household (or the root), Bangkok time, fixed clock. */
export function at(root: InstanceNode, path = '/household', extra: Partial<EvaluationContext> = {}): EvaluationContext {
  const node = resolvePath(root, path);
  if (!node) throw new Error(`no node at ${path}`);
  return { contextNode: node, timeZoneOffset: 420, now: () => NOW, instances: { villages }, ...extra };
}
