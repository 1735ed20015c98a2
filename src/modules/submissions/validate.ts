/**
 * Checks a received instance against its form with the same expression
 * engine the web form uses: value types, required answers and
 * constraints, each only where the question is relevant (with its groups).
 * A submission that fails is still stored, flagged `has_issues` with every
 * problem listed.
 */
import type { XmlElement } from '../../lib/forms/instanceXml.js';
import type { FormDefinition, FormNode, Localized, QuestionNode } from '../../lib/forms/model.js';
import {
  choiceInstancesFor,
  choiceLabelsFor,
  appendChild,
  compile,
  createNode,
  indexedPathOf,
  pickLabel,
  type EvaluationContext,
  type InstanceNode,
} from '../../lib/xpath/index.js';

export interface SubmissionIssue {
  /** Instance path with repeat positions, e.g. /household/members[2]/age */
  path: string;
  rule: 'type' | 'required' | 'constraint' | 'expression';
  message: string;
  messageTh: string;
}

const TYPE_CHECKS: Record<string, { test: (v: string) => boolean; en: string; th: string }> = {
  int: { test: (v) => /^[-+]?\d+$/.test(v), en: 'not a whole number', th: 'ไม่ใช่จำนวนเต็ม' },
  decimal: { test: (v) => /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v), en: 'not a number', th: 'ไม่ใช่ตัวเลข' },
  date: { test: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), en: 'not a date (YYYY-MM-DD)', th: 'ไม่ใช่วันที่ (ปปปป-ดด-วว)' },
  time: { test: (v) => /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?$/.test(v), en: 'not a time', th: 'ไม่ใช่เวลา' },
  dateTime: { test: (v) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v), en: 'not a date and time', th: 'ไม่ใช่วันและเวลา' },
  geopoint: { test: (v) => isPoint(v), en: 'not a GPS point (lat lon [alt acc])', th: 'ไม่ใช่พิกัด GPS' },
  geotrace: { test: (v) => v.split(';').every((pt) => isPoint(pt.trim())), en: 'not a GPS line', th: 'ไม่ใช่เส้นพิกัด GPS' },
  geoshape: { test: (v) => v.split(';').every((pt) => isPoint(pt.trim())), en: 'not a GPS shape', th: 'ไม่ใช่รูปพิกัด GPS' },
};

function isPoint(v: string): boolean {
  const parts = v.split(/\s+/).map(Number);
  if (parts.length < 2 || parts.length > 4 || parts.some((n) => Number.isNaN(n))) return false;
  return Math.abs(parts[0]!) <= 90 && Math.abs(parts[1]!) <= 180;
}

/** The XML element tree as the engine's instance tree (repeat templates left out). */
export function toInstance(el: XmlElement): InstanceNode {
  const children = el.children.filter((c) => c.attributes.template === undefined).map(toInstance);
  return createNode(el.name, children.length ? '' : el.text.trim(), children);
}

function text(l: Localized | undefined, form: FormDefinition, lang: 'th' | 'en'): string | undefined {
  if (!l) return undefined;
  const t = pickLabel(l, lang, form.defaultLanguage);
  return t || undefined;
}

/**
 * Adds an empty node for every question the instance left out, so that
 * expressions see an empty answer rather than a missing node (as Collect
 * and Enketo do).
 */
function completeTree(nodes: FormNode[], parent: InstanceNode): void {
  const children = byName(parent);
  for (const def of nodes) {
    const matches = children.get(def.name) ?? [];
    if (def.kind === 'question') {
      if (matches.length === 0) appendChild(parent, createNode(def.name));
    } else if (def.kind === 'group') {
      const g = matches[0] ?? appendChild(parent, createNode(def.name));
      completeTree(def.children, g);
    } else {
      for (const m of matches) completeTree(def.children, m);
    }
  }
}

/** Choice lists as instances and the jr:choice-name labels, built once per form version (read-only). */
const formContext = new WeakMap<FormDefinition, Pick<EvaluationContext, 'instances' | 'choiceLabel'>>();

function contextOf(form: FormDefinition): Pick<EvaluationContext, 'instances' | 'choiceLabel'> {
  let c = formContext.get(form);
  if (!c) {
    c = { instances: choiceInstancesFor(form), choiceLabel: choiceLabelsFor(form) };
    formContext.set(form, c);
  }
  return c;
}

function byName(node: InstanceNode): Map<string, InstanceNode[]> {
  const m = new Map<string, InstanceNode[]>();
  for (const c of node.children) {
    const list = m.get(c.name);
    if (list) list.push(c);
    else m.set(c.name, [c]);
  }
  return m;
}

/** Every problem of the instance. */
export function validateInstance(form: FormDefinition, xmlRoot: XmlElement): SubmissionIssue[] {
  const issues: SubmissionIssue[] = [];
  const root = toInstance(xmlRoot);
  completeTree(form.root.children, root);
  const ctxBase: Omit<EvaluationContext, 'contextNode'> = {
    root,
    ...contextOf(form),
    timeZoneOffset: 420,
  };
  const evalBool = (expr: string, node: InstanceNode, path: () => string): boolean | undefined => {
    try {
      return compile(expr).evaluateBoolean({ ...ctxBase, contextNode: node });
    } catch (err) {
      issues.push({ path: path(), rule: 'expression', message: `cannot evaluate ${expr}: ${(err as Error).message}`, messageTh: `คำนวณนิพจน์ ${expr} ไม่ได้` });
      return undefined;
    }
  };
  const checkQuestion = (q: QuestionNode, node: InstanceNode | undefined, parent: InstanceNode) => {
    // Only computed when there is something to report.
    let pathText: string | undefined;
    const pathOf = () => (pathText ??= node ? indexedPathOf(node) : `${indexedPathOf(parent)}/${q.name}`);
    // Evaluate against the node when it exists, or its parent (a missing element is an empty answer).
    const ctxNode = node ?? parent;
    if (q.relevant && evalBool(q.relevant, ctxNode, pathOf) === false) return;
    const value = node?.value ?? '';
    if (value === '') {
      const required = q.required === true || (typeof q.required === 'string' && evalBool(q.required, ctxNode, pathOf) === true);
      if (required) {
        issues.push({
          path: pathOf(),
          rule: 'required',
          message: text(q.requiredMessage, form, 'en') ?? `${q.name} is required`,
          messageTh: text(q.requiredMessage, form, 'th') ?? `ต้องตอบข้อ ${q.name}`,
        });
      }
      return;
    }
    const check = TYPE_CHECKS[q.bindType];
    if (check && !check.test(value)) {
      issues.push({ path: pathOf(), rule: 'type', message: `${q.name}: "${value}" is ${check.en}`, messageTh: `${q.name}: "${value}" ${check.th}` });
      return;
    }
    if (q.constraint && node && evalBool(q.constraint, node, pathOf) === false) {
      issues.push({
        path: pathOf(),
        rule: 'constraint',
        message: text(q.constraintMessage, form, 'en') ?? `${q.name}: "${value}" breaks the rule ${q.constraint}`,
        messageTh: text(q.constraintMessage, form, 'th') ?? `${q.name}: "${value}" ไม่ผ่านเงื่อนไข ${q.constraint}`,
      });
    }
  };
  const visit = (nodes: FormNode[], parent: InstanceNode) => {
    const children = byName(parent);
    for (const def of nodes) {
      const matches = children.get(def.name) ?? [];
      if (def.kind === 'question') {
        // Metadata and calculations are the client's business; answers are checked.
        if (def.type === 'calculate' || def.type === 'note' || def.name === 'meta') continue;
        checkQuestion(def, matches[0], parent);
        continue;
      }
      for (const m of def.kind === 'repeat' ? matches : matches.slice(0, 1)) {
        if (def.relevant && evalBool(def.relevant, m, () => indexedPathOf(m)) === false) continue;
        visit(def.children, m);
      }
    }
  };
  visit(form.root.children, root);
  return issues;
}
