/**
 * The form as one scrolling page: groups as sections, repeats as a card per
 * instance, questions one under the other. Only what is relevant is shown,
 * and everything updates as the volunteer answers.
 */
import { memo, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Choice, FormNode, GroupNode, QuestionNode, RepeatNode } from '../../../lib/forms/model.js';
import { indexedPathOf, type InstanceNode } from '../../../lib/xpath/index.js';
import { hasControl, type Issue, type FormSession } from '../engine/session.js';
import { domId, useFiller } from './context.js';
import {
  AcknowledgeControl,
  DateControl,
  DateTimeControl,
  RankControl,
  RangeControl,
  ReadonlyValue,
  SelectMultipleControl,
  SelectOneControl,
  TextControl,
  TimeControl,
  hasAppearance,
  type ControlProps,
} from './controls.js';
import { GeoListControl, GeopointControl } from './GeoControls.js';
import { MediaControl } from './MediaControl.js';

type TFn = ReturnType<typeof useTranslation>['t'];

/** The message shown for a problem: the form's own text, else ours. */
export function issueText(issue: Issue, t: TFn): string {
  if (issue.message) return issue.message;
  switch (issue.kind) {
    case 'required':
      return t('filler.required');
    case 'constraint':
      return t('filler.constraint');
    case 'integer':
      return t('filler.notInteger');
    case 'decimal':
      return t('filler.notDecimal');
    case 'date':
      return t('filler.notDate');
  }
}

function Control(props: ControlProps & { type: QuestionNode['type'] }) {
  switch (props.type) {
    case 'integer':
    case 'decimal':
    case 'text':
    case 'barcode':
      return <TextControl {...props} />;
    case 'date':
      return <DateControl {...props} />;
    case 'time':
      return <TimeControl {...props} />;
    case 'dateTime':
      return <DateTimeControl {...props} />;
    case 'select_one':
      return props.model.variant === 'select_one_external' || (props.choices.length === 0 && props.model.variant === 'from_file') ? <TextControl {...props} /> : <SelectOneControl {...props} />;
    case 'select_multiple':
      return props.choices.length === 0 && props.model.variant === 'from_file' ? <TextControl {...props} /> : <SelectMultipleControl {...props} />;
    case 'rank':
      return <RankControl {...props} />;
    case 'range':
      return <RangeControl {...props} />;
    case 'geopoint':
      return <GeopointControl {...props} />;
    case 'geotrace':
    case 'geoshape':
      return <GeoListControl {...props} />;
    case 'image':
    case 'audio':
    case 'video':
    case 'file':
      return <MediaControl {...props} />;
    case 'acknowledge':
      return <AcknowledgeControl {...props} />;
    default:
      return <TextControl {...props} />;
  }
}

interface QuestionProps {
  session: FormSession;
  /** DOM id of the control (changes when an earlier repeat instance is removed). */
  id: string;
  node: InstanceNode;
  model: QuestionNode;
  value: string;
  label: string;
  hint: string;
  required: boolean;
  readonly: boolean;
  error: string | null;
  choices: Choice[];
  /** Form language: labels change with it. */
  lang: string;
}

const QuestionView = memo(function QuestionView({ session, id, node, model, value, label, hint, required, readonly, error, choices }: QuestionProps) {
  const { t } = useTranslation();
  const onChange = useCallback((v: string, typing?: boolean) => session.setValue(node, v, typing), [session, node]);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const isNote = model.type === 'note';
  const tableHeader = hasAppearance(model, 'label');
  const labelFor = ['text', 'integer', 'decimal', 'barcode', 'date', 'time', 'dateTime'].includes(model.type) || (model.type === 'select_one' && hasAppearance(model, 'minimal'));
  const labelNode = label ? (
    <>
      {label}
      {required && !isNote ? (
        <span className="required-mark" aria-label={t('common.required')}>
          {' '}
          *
        </span>
      ) : null}
    </>
  ) : (
    <span className="muted">{model.name}</span>
  );
  return (
    <div className={`q q-${model.type}${error ? ' q-invalid' : ''}${isNote ? ' q-note' : ''}${tableHeader ? ' q-table-header' : ''}`} id={`${id}-block`} data-name={model.name}>
      {labelFor && !readonly ? (
        <label className="q-label" id={`${id}-label`} htmlFor={id}>
          {labelNode}
        </label>
      ) : (
        <p className="q-label" id={`${id}-label`}>
          {labelNode}
        </p>
      )}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {isNote ? (
        value ? (
          <p className="readonly-value" id={id}>
            {value}
          </p>
        ) : null
      ) : readonly && !['geopoint', 'geotrace', 'geoshape', 'image', 'audio', 'video', 'file'].includes(model.type) ? (
        <ReadonlyValue id={id} model={model} value={value} choices={choices} />
      ) : (
        <Control type={model.type} id={id} model={model} value={value} onChange={onChange} readonly={readonly} invalid={Boolean(error)} describedBy={describedBy} choices={choices} />
      )}
      {error ? (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
});

const EMPTY: Choice[] = [];

/** A stable React key per instance element (repeat instances move when one is removed). */
const keys = new WeakMap<InstanceNode, number>();
let nextKey = 1;
function nodeKey(node: InstanceNode): number {
  let k = keys.get(node);
  if (k === undefined) {
    k = nextKey++;
    keys.set(node, k);
  }
  return k;
}

function QuestionSlot({ node, model }: { node: InstanceNode; model: QuestionNode }) {
  const { session, showAll } = useFiller();
  const { t } = useTranslation();
  const issue = session.issueOf(node);
  const visible = issue && (showAll || (session.touched.has(node) && (issue.kind !== 'required' || node.value === '')) || (issue.kind !== 'required' && node.value !== ''));
  return (
    <QuestionView
      session={session}
      id={domId(indexedPathOf(node))}
      node={node}
      model={model}
      value={node.value}
      label={session.text(model.label, node)}
      hint={session.text(model.hint, node)}
      required={session.isRequired(node)}
      readonly={session.isReadonly(node)}
      error={visible && issue ? issueText(issue, t) : null}
      choices={model.listName ? session.choices(node) : EMPTY}
      lang={session.language}
    />
  );
}

function GroupView({ node, model, depth }: { node: InstanceNode; model: GroupNode; depth: number }) {
  const { session } = useFiller();
  const label = session.text(model.label, node);
  // table-list: the model has it as pyxform writes it, a field-list with a header row (appearance "label").
  const tableList = hasAppearance(model, 'table-list') || model.children.some((c) => c.kind === 'question' && hasAppearance(c, 'label'));
  const children = <NodeList parent={node} models={model.children} depth={label ? depth + 1 : depth} />;
  if (!label && !tableList) return children;
  const Heading = depth === 0 ? 'h2' : 'h3';
  return (
    <section className={`q-group${depth > 0 && label ? ' q-group-nested' : ''}${tableList ? ' q-table-list' : ''}`} id={`${domId(indexedPathOf(node))}-block`}>
      {label ? <Heading className="q-group-title">{label}</Heading> : null}
      {model.hint ? <p className="hint">{session.text(model.hint, node)}</p> : null}
      {children}
    </section>
  );
}

/** A short name for a repeat instance: its first text answer, if any. */
function instanceSummary(session: FormSession, inst: InstanceNode): string {
  for (const c of inst.children) {
    const m = session.model(c);
    if (m?.kind === 'question' && (m.type === 'text' || m.type === 'select_one') && c.value) return m.type === 'select_one' ? session.choiceLabel(m, c.value) : c.value;
  }
  return '';
}

function RepeatInstance({ inst, model, index, depth, removable }: { inst: InstanceNode; model: RepeatNode; index: number; depth: number; removable: boolean }) {
  const { t } = useTranslation();
  const { session } = useFiller();
  const [confirming, setConfirming] = useState(false);
  const title = `${session.text(model.label, inst) || model.name} ${index + 1}`;
  const summary = instanceSummary(session, inst);
  return (
    <section className="repeat-instance card" id={`${domId(indexedPathOf(inst))}-block`} aria-label={title}>
      <header className="repeat-head">
        <h3>
          {title}
          {summary ? <span className="muted repeat-summary"> · {summary}</span> : null}
        </h3>
        {removable && !confirming ? (
          <button type="button" className="button button-small button-quiet button-danger" onClick={() => setConfirming(true)}>
            {t('filler.removeInstance')}
          </button>
        ) : null}
      </header>
      {confirming ? (
        <div className="notice notice-error confirm-remove" role="alertdialog" aria-label={t('filler.removeConfirm', { name: title })}>
          <p>{t('filler.removeConfirm', { name: title })}</p>
          <div className="button-row">
            <button type="button" className="button button-small button-danger" onClick={() => session.removeRepeat(inst)}>
              {t('filler.removeYes')}
            </button>
            <button type="button" className="button button-small" autoFocus onClick={() => setConfirming(false)}>
              {t('filler.removeNo')}
            </button>
          </div>
        </div>
      ) : null}
      <NodeList parent={inst} models={model.children} depth={depth + 1} />
    </section>
  );
}

function RepeatView({ parent, model, depth }: { parent: InstanceNode; model: RepeatNode; depth: number }) {
  const { t } = useTranslation();
  const { session } = useFiller();
  const instances = session.repeatInstances(parent, model);
  const relevant = instances.filter((i) => session.isRelevant(i));
  // A repeat that is not relevant (its own or a group's relevance) is not shown.
  if (!session.repeatRelevant(parent, model)) return null;
  const label = session.text(model.label, parent) || model.name;
  const counted = model.repeatCount !== undefined;
  const Heading = depth === 0 ? 'h2' : 'h3';
  return (
    <section className={`q-repeat${depth > 0 ? ' q-group-nested' : ''}`} id={`${domId(`${indexedPathOf(parent)}/${model.name}`)}-repeat`}>
      <Heading className="q-group-title">
        {label} <span className="badge">{relevant.length}</span>
      </Heading>
      {model.hint ? <p className="hint">{session.text(model.hint, parent)}</p> : null}
      {relevant.map((inst, i) => (
        <RepeatInstance key={nodeKey(inst)} inst={inst} model={model} index={i} depth={depth} removable={!counted} />
      ))}
      {relevant.length === 0 ? <p className="muted small">{t('filler.noInstances')}</p> : null}
      {counted ? null : (
        <button type="button" className="button add-instance" onClick={() => session.addRepeat(parent, model)}>
          + {t('filler.addInstance', { name: label })}
        </button>
      )}
    </section>
  );
}

export function NodeList({ parent, models, depth }: { parent: InstanceNode; models: FormNode[]; depth: number }) {
  const { session } = useFiller();
  return (
    <>
      {models.map((m) => {
        if (m.kind === 'repeat') return <RepeatView key={m.path} parent={parent} model={m} depth={depth} />;
        const node = session.childFor(parent, m);
        if (!node || !session.isRelevant(node)) return null;
        if (m.kind === 'group') return m.name === 'meta' && parent === session.root ? null : <GroupView key={m.path} node={node} model={m} depth={depth} />;
        if (!hasControl(m)) return null;
        return <QuestionSlot key={m.path} node={node} model={m} />;
      })}
    </>
  );
}
