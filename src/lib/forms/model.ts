/**
 * The form model: what an XLSForm becomes once parsed, and what everything
 * else reads — the XForm writer, the expression engine's checks, server-side
 * validation of submissions, exports, and the web app's form filler.
 * Plain data (JSON-serialisable), no I/O: it is stored with each form
 * version and sent to browsers as is.
 */

/** Text in each language of the form. Key: the language as written in the XLSForm column ("Thai (th)", "English (en)"), or "default" for a column without one. */
export type Localized = Record<string, string>;

/** Where a thing came from in the XLSForm, for error messages. Rows are 1-based spreadsheet rows (the header is row 1). */
export interface SourceRef {
  sheet: string;
  row: number;
}

export type QuestionType =
  | 'text'
  | 'integer'
  | 'decimal'
  | 'range'
  | 'date'
  | 'time'
  | 'dateTime'
  | 'select_one'
  | 'select_multiple'
  | 'rank'
  | 'geopoint'
  | 'geotrace'
  | 'geoshape'
  | 'image'
  | 'audio'
  | 'video'
  | 'file'
  | 'barcode'
  | 'note'
  | 'acknowledge'
  | 'calculate'
  | 'hidden'
  // metadata, filled by the client without a control
  | 'start'
  | 'end'
  | 'today'
  | 'deviceid'
  | 'username'
  | 'phonenumber'
  | 'subscriberid'
  | 'simserial'
  | 'email'
  | 'audit';

interface NodeBase {
  /** Element name in the instance. */
  name: string;
  /** Absolute instance path, e.g. "/household/members/age". */
  path: string;
  label?: Localized;
  hint?: Localized;
  /** XPath (with ${name} already resolved to paths, as written in the XForm). */
  relevant?: string;
  appearance?: string;
  source: SourceRef;
  /** XLSForm columns this tool does not interpret but keeps (e.g. save_to, media::image, custom bind:: and instance:: columns). */
  extra?: Record<string, string>;
}

export interface QuestionNode extends NodeBase {
  kind: 'question';
  type: QuestionType;
  /** XForm bind type: string, int, decimal, date, time, dateTime, select1, select, odk:rank, geopoint, geotrace, geoshape, binary, barcode. */
  bindType: string;
  /** true, or an XPath condition. */
  required?: true | string;
  requiredMessage?: Localized;
  constraint?: string;
  constraintMessage?: Localized;
  calculation?: string;
  readonly?: true | string;
  /** Default value as written (a literal; dynamic defaults are an XPath in `dynamicDefault`). */
  default?: string;
  dynamicDefault?: string;
  /** select_one/select_multiple/rank: the choice list. */
  listName?: string;
  /** select_one/select_multiple with or_other. */
  orOther?: boolean;
  choiceFilter?: string;
  /** `parameters` column, parsed: start=1 end=10 step=1, randomize=true, max-pixels=… */
  parameters?: Record<string, string>;
  /** `trigger` column: recalculate when this path changes. */
  trigger?: string;
  /** For metadata types: the jr:preload / odk:setgeopoint details as written to the bind. */
  preload?: { preload: string; preloadParams?: string };
  /**
   * The finer XLSForm type when `type` alone does not say how the question is
   * written: 'select_one_external', 'from_file' (select_one_from_file …),
   * 'osm', 'trigger' (an acknowledge without a value), 'start-geopoint',
   * 'background-geopoint', 'background-audio', 'xml-external', 'csv-external'.
   */
  variant?: string;
}

export interface GroupNode extends NodeBase {
  kind: 'group';
  children: FormNode[];
}

export interface RepeatNode extends NodeBase {
  kind: 'repeat';
  children: FormNode[];
  /** XPath or integer: the number of instances. */
  repeatCount?: string;
}

export type FormNode = QuestionNode | GroupNode | RepeatNode;

export interface Choice {
  name: string;
  label: Localized;
  /** Extra columns of the choices sheet (used by choice_filter), e.g. { district: "9011" }. */
  properties?: Record<string, string>;
  /** media::image etc. */
  media?: Record<string, Localized>;
}

export interface FormDefinition {
  formId: string;
  version: string;
  title: string;
  /** Languages in the order they appear; ["default"] for a form with plain columns. */
  languages: string[];
  defaultLanguage?: string;
  /** XPath of instance_name, resolved. */
  instanceName?: string;
  /** The root of the primary instance: name is the instance root element (form_id or settings 'name'). */
  root: GroupNode;
  choices: Record<string, Choice[]>;
  /** Every settings-sheet value as written. */
  settings: Record<string, string>;
  /** The entities sheet (ODK entities), expressions resolved. */
  entities?: EntityDeclaration;
}

/** An ODK entity declaration (entities sheet): written in meta/entity. */
export interface EntityDeclaration {
  dataset: string;
  /** XPath of the entity label. */
  label?: string;
  createIf?: string;
  updateIf?: string;
  entityId?: string;
}

/** One problem found in an XLSForm: where (sheet, 1-based row, column header) and what. */
export interface XlsFormIssue {
  sheet: string;
  row: number | null;
  column: string | null;
  message: string;
  messageTh: string;
}

/** Walks every node, depth first, parents before children. */
export function* walk(node: FormNode): Generator<FormNode> {
  yield node;
  if (node.kind !== 'question') for (const child of node.children) yield* walk(child);
}
