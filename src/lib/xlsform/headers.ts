/**
 * Column headers → canonical keys, as pyxform de-aliases and groups them.
 * Keys are joined with "::": "label::Thai (th)", "bind::relevant",
 * "bind::jr:constraintMsg::English (en)", "control::appearance",
 * "media::image::Thai (th)", "instance::x". Header names and aliases match
 * case-insensitively; a sheet whose headers use no "::" is split on ":".
 */
import type { SheetData, SheetRow } from './workbook.js';
import { Issues } from './issues.js';

export type SheetKind = 'survey' | 'choices' | 'settings' | 'entities' | 'external_choices' | 'osm';

const SURVEY_ALIASES: Record<string, string> = {
  caption: 'label',
  command: 'type',
  tag: 'name',
  value: 'name',
  read_only: 'bind::readonly',
  readonly: 'bind::readonly',
  relevant: 'bind::relevant',
  relevance: 'bind::relevant',
  required: 'bind::required',
  constraint: 'bind::constraint',
  'constraining message': 'bind::jr:constraintMsg',
  'constraint message': 'bind::jr:constraintMsg',
  constraint_message: 'bind::jr:constraintMsg',
  calculation: 'bind::calculate',
  calculate: 'bind::calculate',
  appearance: 'control::appearance',
  image: 'media::image',
  'big-image': 'media::big-image',
  audio: 'media::audio',
  video: 'media::video',
  count: 'control::jr:count',
  repeat_count: 'control::jr:count',
  'jr:count': 'control::jr:count',
  autoplay: 'control::autoplay',
  rows: 'control::rows',
  noapperrorstring: 'bind::jr:noAppErrorString',
  no_app_error_string: 'bind::jr:noAppErrorString',
  requiredmsg: 'bind::jr:requiredMsg',
  required_message: 'bind::jr:requiredMsg',
  'required message': 'bind::jr:requiredMsg',
  save_to: 'bind::entities:saveto',
  'choice filter': 'choice_filter',
  'sms field': 'sms_field',
};

const CHOICE_ALIASES: Record<string, string> = {
  caption: 'label',
  'list name': 'list_name',
  value: 'name',
  image: 'media::image',
  'big-image': 'media::big-image',
  audio: 'media::audio',
  video: 'media::video',
};

const SETTINGS_ALIASES: Record<string, string> = {
  form_title: 'title',
  'set form title': 'title',
  form_id: 'id_string',
  'set form id': 'id_string',
};

const ENTITY_ALIASES: Record<string, string> = { list_name: 'dataset', 'list name': 'dataset' };

const SURVEY_KNOWN = new Set([
  'type', 'name', 'label', 'hint', 'guidance_hint', 'default', 'choice_filter', 'parameters', 'trigger',
  'media', 'bind', 'control', 'body', 'instance', 'disabled', 'intent', 'sms_field',
]);
const CHOICE_KNOWN = new Set(['list_name', 'name', 'label', 'media']);
const SETTINGS_KNOWN = new Set([
  'title', 'id_string', 'version', 'default_language', 'instance_name', 'style', 'name', 'namespaces',
  'public_key', 'submission_url', 'auto_send', 'auto_delete', 'allow_choice_duplicates', 'omit_instanceid',
  'clean_text_values', 'flat', 'instance_xmlns', 'prefix', 'delimiter', 'instance_id', 'sms_keyword', 'attribute',
]);
const ENTITY_KNOWN = new Set(['dataset', 'label', 'create_if', 'update_if', 'entity_id']);

/** Names a user might misspell, for "did you mean" warnings. */
const SUGGESTIONS: Record<SheetKind, string[]> = {
  survey: [
    'type', 'name', 'label', 'hint', 'guidance_hint', 'required', 'required_message', 'relevant', 'constraint',
    'constraint_message', 'calculation', 'default', 'read_only', 'choice_filter', 'appearance', 'parameters',
    'trigger', 'repeat_count', 'image', 'audio', 'video', 'save_to',
  ],
  choices: ['list_name', 'name', 'label', 'image', 'audio', 'video'],
  settings: ['form_title', 'form_id', 'version', 'default_language', 'instance_name', 'public_key', 'submission_url'],
  entities: ['list_name', 'label', 'create_if', 'update_if', 'entity_id'],
  external_choices: ['list_name', 'name', 'label'],
  osm: ['list_name', 'name', 'label'],
};

const GROUPS = new Set(['bind', 'control', 'body', 'instance']);
const TRANSLATABLE = new Set(['label', 'hint', 'guidance_hint', 'bind::jr:constraintMsg', 'bind::jr:requiredMsg', 'bind::jr:noAppErrorString']);

function aliasesFor(kind: SheetKind): [Record<string, string>, Set<string>] {
  switch (kind) {
    case 'survey':
      return [SURVEY_ALIASES, SURVEY_KNOWN];
    case 'settings':
      return [SETTINGS_ALIASES, SETTINGS_KNOWN];
    case 'entities':
      return [ENTITY_ALIASES, ENTITY_KNOWN];
    default:
      return [CHOICE_ALIASES, CHOICE_KNOWN];
  }
}

export function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The canonical key of one header; `known` tells whether the tool interprets it. */
export function canonicalHeader(kind: SheetKind, header: string, useDoubleColon: boolean): { key: string; known: boolean } {
  const [aliases, known] = aliasesFor(kind);
  const h = header.trim();
  const whole = aliases[h.toLowerCase()];
  if (whole !== undefined) return { key: whole, known: true };
  const tokens = (useDoubleColon ? h.split('::') : h.split(':')).map((t) => t.trim());
  const head = tokens[0] ?? '';
  const rest = tokens.slice(1);
  const lower = head.toLowerCase();
  let canon = aliases[lower] ?? (known.has(lower) ? lower : undefined);
  if (canon === undefined) return { key: h, known: false };
  if (canon === 'body') canon = 'control';
  if (GROUPS.has(canon)) {
    if (rest.length === 0) return { key: h, known: false };
    if (!useDoubleColon) return { key: `${canon}::${rest.join(':')}`, known: true };
    const key = `${canon}::${rest[0]}`;
    return { key: rest.length > 1 ? `${key}::${rest.slice(1).join('::')}` : key, known: true };
  }
  if (canon === 'media') {
    if (rest.length === 0) return { key: h, known: false };
    return { key: `media::${rest.join('::')}`, known: true };
  }
  if (rest.length > 0) return { key: `${canon}::${rest.join(useDoubleColon ? '::' : ':')}`, known: true };
  return { key: canon, known: true };
}

export interface Columns {
  sheet: string;
  /** Canonical key of each column (null: no header, ignored). */
  keys: (string | null)[];
  /** Canonical key → header as written, for messages. */
  headerOf: Map<string, string>;
}

export function parseColumns(kind: SheetKind, sheet: SheetData, issues: Issues): Columns {
  const useDoubleColon = sheet.header.some((h) => h.includes('::'));
  const keys: (string | null)[] = [];
  const headerOf = new Map<string, string>();
  sheet.header.forEach((raw) => {
    const h = raw.trim();
    if (h === '') {
      keys.push(null);
      return;
    }
    const { key, known } = canonicalHeader(kind, h, useDoubleColon);
    if (headerOf.has(key)) {
      issues.error(sheet.name, 1, h, 'duplicateColumn', { header: h });
      keys.push(null);
      return;
    }
    if (!known && kind !== 'choices' && kind !== 'external_choices' && kind !== 'osm') {
      const lower = h.toLowerCase();
      const near = SUGGESTIONS[kind].find((s) => {
        const d = levenshtein(lower, s);
        return d > 0 && d <= (s.length >= 6 ? 2 : 1);
      });
      if (near !== undefined) issues.warn(sheet.name, 1, h, 'misspelledColumn', { header: h, suggestion: near });
    }
    keys.push(key);
    headerOf.set(key, h);
  });
  return { sheet: sheet.name, keys, headerOf };
}

/** A row as canonical key → value (non-empty values only), with its sheet row number. */
export interface Row {
  row: number;
  values: Map<string, string>;
}

export function rowOf(cols: Columns, r: SheetRow): Row {
  const values = new Map<string, string>();
  cols.keys.forEach((key, i) => {
    const v = r.cells[i];
    if (key !== null && v !== undefined && v !== '') values.set(key, v);
  });
  return { row: r.row, values };
}

/** Header as written for a key (falls back to the key), for issues. */
const COLUMN_NAMES: Record<string, string> = {
  'bind::calculate': 'calculation',
  'bind::relevant': 'relevant',
  'bind::constraint': 'constraint',
  'bind::required': 'required',
  'bind::readonly': 'read_only',
  'bind::jr:constraintMsg': 'constraint_message',
  'bind::jr:requiredMsg': 'required_message',
  'control::appearance': 'appearance',
  'control::jr:count': 'repeat_count',
};

export function headerFor(cols: Columns, key: string): string {
  return cols.headerOf.get(key) ?? COLUMN_NAMES[key] ?? key.replace(/^bind::|^control::/, '');
}

export function isTranslatable(base: string): boolean {
  return TRANSLATABLE.has(base) || base.startsWith('media::');
}

/**
 * Values of a translatable column: "default" for the column without a
 * language, else the language as written. Media keys: media::TYPE[::lang].
 */
export function localizedOf(values: Map<string, string>, base: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  let any = false;
  for (const [k, v] of values) {
    if (k === base) {
      out.default = v;
      any = true;
    } else if (k.startsWith(base + '::')) {
      out[k.slice(base.length + 2)] = v;
      any = true;
    }
  }
  return any ? out : undefined;
}
