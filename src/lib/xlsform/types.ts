/**
 * XLSForm question types (with pyxform's legacy aliases) → the form model's
 * type, the XForm bind type, the body control and metadata preloads.
 */
import type { QuestionType } from '../forms/model.js';

export type ControlTag = 'input' | 'select1' | 'select' | 'odk:rank' | 'upload' | 'trigger' | 'range';

export interface TypeSpec {
  type: QuestionType;
  bindType: string;
  control?: ControlTag;
  mediatype?: string;
  preload?: { preload: string; preloadParams?: string };
  /** Extra bind/hint that pyxform adds for this type (e.g. "phone number"). */
  constraint?: string;
  hint?: string;
  readonly?: true;
  /** Kept in QuestionNode.variant when `type` alone does not say how to write it. */
  variant?: string;
}

const input = (type: QuestionType, bindType: string): TypeSpec => ({ type, bindType, control: 'input' });
const upload = (type: QuestionType, mediatype: string): TypeSpec => ({ type, bindType: 'binary', control: 'upload', mediatype });
const prop = (type: QuestionType, params: string): TypeSpec => ({ type, bindType: 'string', preload: { preload: 'property', preloadParams: params } });

const TEXT = input('text', 'string');
const INTEGER = input('integer', 'int');
const DECIMAL = input('decimal', 'decimal');
const DATE = input('date', 'date');
const DATETIME = input('dateTime', 'dateTime');
const GEOPOINT = input('geopoint', 'geopoint');
const IMAGE = upload('image', 'image/*');
const AUDIO = upload('audio', 'audio/*');
const VIDEO = upload('video', 'video/*');
const FILE = upload('file', 'application/*');
const BARCODE = input('barcode', 'barcode');
const NOTE: TypeSpec = { type: 'note', bindType: 'string', control: 'input', readonly: true };
const ACK: TypeSpec = { type: 'acknowledge', bindType: 'string', control: 'trigger' };
const CALC: TypeSpec = { type: 'calculate', bindType: 'string' };
const START: TypeSpec = { type: 'start', bindType: 'dateTime', preload: { preload: 'timestamp', preloadParams: 'start' } };
const END: TypeSpec = { type: 'end', bindType: 'dateTime', preload: { preload: 'timestamp', preloadParams: 'end' } };
const TODAY: TypeSpec = { type: 'today', bindType: 'date', preload: { preload: 'date', preloadParams: 'today' } };

const TYPES: Record<string, TypeSpec> = {
  text: TEXT,
  string: TEXT,
  'q string': TEXT,
  'add text prompt': TEXT,
  'phone number': { ...TEXT, constraint: "regex(., '^\\d*$')", hint: 'Enter numbers only.' },
  integer: INTEGER,
  int: INTEGER,
  'q int': INTEGER,
  'add integer prompt': INTEGER,
  percentage: { ...INTEGER, constraint: '0 <= . and . <= 100' },
  decimal: DECIMAL,
  'q decimal': DECIMAL,
  'add decimal prompt': DECIMAL,
  range: { type: 'range', bindType: 'int', control: 'range' },
  date: DATE,
  'q date': DATE,
  'add date prompt': DATE,
  time: input('time', 'time'),
  datetime: DATETIME,
  'date time': DATETIME,
  'q date time': DATETIME,
  'q datetime': DATETIME,
  'add date time prompt': DATETIME,
  'add datetime prompt': DATETIME,
  geopoint: GEOPOINT,
  gps: GEOPOINT,
  location: GEOPOINT,
  'q geopoint': GEOPOINT,
  'q location': GEOPOINT,
  'add location prompt': GEOPOINT,
  geotrace: input('geotrace', 'geotrace'),
  geoshape: input('geoshape', 'geoshape'),
  image: IMAGE,
  photo: IMAGE,
  'q image': IMAGE,
  'q picture': IMAGE,
  'add image prompt': IMAGE,
  'add photo prompt': IMAGE,
  audio: AUDIO,
  'q audio': AUDIO,
  'add audio prompt': AUDIO,
  video: VIDEO,
  'q video': VIDEO,
  'add video prompt': VIDEO,
  file: FILE,
  'add file prompt': FILE,
  osm: { ...upload('file', 'osm/*'), variant: 'osm' },
  barcode: BARCODE,
  'q barcode': BARCODE,
  'add barcode prompt': BARCODE,
  note: NOTE,
  'q note': NOTE,
  'add note prompt': NOTE,
  acknowledge: ACK,
  'q acknowledge': ACK,
  'add acknowledge prompt': ACK,
  trigger: { type: 'acknowledge', bindType: '', control: 'trigger', variant: 'trigger' },
  calculate: CALC,
  'q calculate': CALC,
  'add calculate prompt': CALC,
  hidden: { type: 'hidden', bindType: 'string' },
  start: START,
  'start time': START,
  'get start time': START,
  end: END,
  'end time': END,
  'get end time': END,
  today: TODAY,
  'get today': TODAY,
  deviceid: prop('deviceid', 'deviceid'),
  imei: prop('deviceid', 'deviceid'),
  'device id': prop('deviceid', 'deviceid'),
  'get device id': prop('deviceid', 'deviceid'),
  'uri:deviceid': prop('deviceid', 'uri:deviceid'),
  username: prop('username', 'username'),
  'uri:username': prop('username', 'uri:username'),
  phonenumber: prop('phonenumber', 'phonenumber'),
  'get phone number': prop('phonenumber', 'phonenumber'),
  'uri:phonenumber': prop('phonenumber', 'uri:phonenumber'),
  simserial: prop('simserial', 'simserial'),
  'sim id': prop('simserial', 'simserial'),
  'get sim id': prop('simserial', 'simserial'),
  'uri:simserial': prop('simserial', 'uri:simserial'),
  subscriberid: prop('subscriberid', 'subscriberid'),
  'subscriber id': prop('subscriberid', 'subscriberid'),
  'get subscriber id': prop('subscriberid', 'subscriberid'),
  'uri:subscriberid': prop('subscriberid', 'uri:subscriberid'),
  email: prop('email', 'email'),
  'uri:email': prop('email', 'uri:email'),
  audit: { type: 'audit', bindType: 'binary' },
  'start-geopoint': { type: 'geopoint', bindType: 'geopoint', variant: 'start-geopoint' },
  'background-geopoint': { type: 'geopoint', bindType: 'geopoint', variant: 'background-geopoint' },
  'background-audio': { type: 'audio', bindType: 'binary', variant: 'background-audio' },
  'xml-external': { type: 'hidden', bindType: '', variant: 'xml-external' },
  'csv-external': { type: 'hidden', bindType: '', variant: 'csv-external' },
};

export function lookupType(type: string): TypeSpec | undefined {
  return TYPES[type] ?? TYPES[type.toLowerCase()];
}

/** Select commands before the list name, longest first so the regex prefers them. */
const SELECT_COMMANDS: Record<string, { type: QuestionType; variant?: string }> = {
  'add select one prompt using': { type: 'select_one' },
  'add select multiple prompt using': { type: 'select_multiple' },
  'select all that apply from': { type: 'select_multiple' },
  'select multiple from': { type: 'select_multiple' },
  'select one from': { type: 'select_one' },
  'select one using': { type: 'select_one' },
  'select multiple using': { type: 'select_multiple' },
  select1: { type: 'select_one' },
  select_one: { type: 'select_one' },
  'select one': { type: 'select_one' },
  select_multiple: { type: 'select_multiple' },
  'select multiple': { type: 'select_multiple' },
  'select all that apply': { type: 'select_multiple' },
  select_one_external: { type: 'select_one', variant: 'select_one_external' },
  select_one_from_file: { type: 'select_one', variant: 'from_file' },
  select_multiple_from_file: { type: 'select_multiple', variant: 'from_file' },
  'select one from file': { type: 'select_one', variant: 'from_file' },
  'select multiple from file': { type: 'select_multiple', variant: 'from_file' },
  rank: { type: 'rank' },
};

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SELECT_RE = new RegExp(
  '^(' +
    Object.keys(SELECT_COMMANDS)
      .sort((a, b) => b.length - a.length)
      .map(escapeRe)
      .join('|') +
    ') (\\S+)( (or specify other|or_other|or other))?$',
  'i',
);

export interface SelectParse {
  type: QuestionType;
  variant?: string;
  command: string;
  listName: string;
  orOther: boolean;
}

export function parseSelect(type: string): SelectParse | undefined {
  const m = SELECT_RE.exec(type);
  if (!m) return undefined;
  const command = m[1]!.toLowerCase();
  const spec = SELECT_COMMANDS[command];
  if (!spec) return undefined;
  return { ...spec, command, listName: m[2]!, orOther: m[3] !== undefined };
}

export const SELECT_BIND: Record<string, string> = { select_one: 'string', select_multiple: 'string', rank: 'odk:rank' };
export const SELECT_CONTROL: Record<string, ControlTag> = { select_one: 'select1', select_multiple: 'select', rank: 'odk:rank' };

const CONTROLS = 'group|lgroup|repeat|loop|looped group';
const BEGIN_RE = new RegExp(`^begin(\\s|_)(${CONTROLS})( (over )?(\\S+))?$`, 'i');
const END_RE = new RegExp(`^end(\\s|_)(${CONTROLS})$`, 'i');

export type ControlKind = 'group' | 'repeat' | 'loop';
const CONTROL_KIND: Record<string, ControlKind> = { group: 'group', lgroup: 'repeat', repeat: 'repeat', loop: 'loop', 'looped group': 'repeat' };

export function parseBegin(type: string): { kind: ControlKind; listName?: string } | undefined {
  const m = BEGIN_RE.exec(type);
  if (!m) return undefined;
  return { kind: CONTROL_KIND[m[2]!.toLowerCase()]!, ...(m[5] !== undefined ? { listName: m[5] } : {}) };
}

export function parseEnd(type: string): ControlKind | undefined {
  const m = END_RE.exec(type);
  return m ? CONTROL_KIND[m[2]!.toLowerCase()] : undefined;
}

export function parseOsm(type: string): { listName?: string } | undefined {
  const m = /^osm( (\S+))?$/i.exec(type);
  return m ? (m[2] !== undefined ? { listName: m[2] } : {}) : undefined;
}
