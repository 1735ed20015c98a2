/**
 * One submission: the answers laid out by the form's groups and repeats
 * with labels in the reader's language, problems highlighted where they
 * are, photos shown, the history of edits, review (approve, reject with a
 * comment) and editing (a new version that replaces this one).
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DataObject, DataValue } from '../../lib/forms/data.js';
import type { FormDefinition, FormNode, QuestionNode } from '../../lib/forms/model.js';
import { useAuth } from '../auth/AuthContext.js';
import { ErrorBox, Loading, Notice, usePageTitle } from '../components/ui.js';
import { formatDate } from '../lib/dates.js';
import { useLang } from '../lib/lang.js';
import { attachmentUrl, formsApi, type ReviewState, type SubmissionDetail, type SubmissionIssue } from './api.js';
import { localized, pickFormLanguage } from './engine/language.js';
import { hasControl } from './engine/session.js';
import { answerText, ReviewBadge } from './SubmissionsPage.js';
import { definitionVersion } from './store/definitions.js';

interface ViewCtx {
  def: FormDefinition;
  lang: string;
  formId: string;
  instanceId: string;
  attachments: Set<string>;
  issues: Map<string, SubmissionIssue[]>;
  uiLang: 'th' | 'en';
}

function issueMessage(i: SubmissionIssue, lang: 'th' | 'en'): string {
  return lang === 'th' ? i.messageTh || i.message : i.message;
}

function Answer({ q, value, path, ctx }: { q: QuestionNode; value: string; path: string; ctx: ViewCtx }) {
  const { t } = useTranslation();
  const issues = ctx.issues.get(path) ?? [];
  const label = localized(q.label, ctx.lang, ctx.def.defaultLanguage) || q.name;
  let shown: ReactNode = answerText(ctx.def, q, value, ctx.lang) || <span className="muted">—</span>;
  if (q.bindType === 'binary' && value) {
    const present = ctx.attachments.has(value);
    const url = attachmentUrl(ctx.formId, ctx.instanceId, value);
    shown = present ? (
      q.type === 'image' ? (
        <a href={url} target="_blank" rel="noreferrer">
          <img className="answer-photo" src={url} alt={label} loading="lazy" />
        </a>
      ) : (
        <a href={url} download>
          {value}
        </a>
      )
    ) : (
      <span>
        {value} <span className="badge badge-warn">{t('submission.attachmentMissing')}</span>
      </span>
    );
  } else if (q.type === 'geopoint' && value) {
    const [lat, lon] = value.split(/\s+/);
    shown = (
      <a href={`https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=18/${lat}/${lon}`} target="_blank" rel="noreferrer">
        {value}
      </a>
    );
  } else if (q.bindType === 'date' && value) {
    shown = formatDate(`${value}T12:00:00+07:00`, ctx.uiLang, { time: false });
  } else if (q.bindType === 'dateTime' && value) {
    shown = formatDate(value, ctx.uiLang);
  }
  return (
    <div className={`answer${issues.length ? ' answer-issue' : ''}`} data-path={path}>
      <dt>{label}</dt>
      <dd>
        {shown}
        {issues.map((i, n) => (
          <p key={n} className="field-error">
            {issueMessage(i, ctx.uiLang)}
          </p>
        ))}
      </dd>
    </div>
  );
}

function Nodes({ nodes, data, path, ctx, depth }: { nodes: FormNode[]; data: DataObject; path: string; ctx: ViewCtx; depth: number }) {
  const { t } = useTranslation();
  const items: ReactNode[] = [];
  let answers: ReactNode[] = [];
  const flush = () => {
    if (answers.length) items.push(<dl className="answers" key={`dl-${items.length}`}>{answers}</dl>);
    answers = [];
  };
  for (const n of nodes) {
    const v: DataValue | undefined = data[n.name];
    if (n.kind === 'question') {
      if (!hasControl(n) || n.type === 'note') continue;
      answers.push(<Answer key={n.path} q={n} value={typeof v === 'string' ? v : ''} path={`${path}/${n.name}`} ctx={ctx} />);
    } else if (n.kind === 'group') {
      if (n.name === 'meta') continue;
      flush();
      const obj = v && typeof v === 'object' && !Array.isArray(v) ? v : {};
      const label = localized(n.label, ctx.lang, ctx.def.defaultLanguage);
      items.push(
        <section key={n.path} className={`answer-group${depth ? ' q-group-nested' : ''}`}>
          {label ? <h3>{label}</h3> : null}
          <Nodes nodes={n.children} data={obj} path={`${path}/${n.name}`} ctx={ctx} depth={depth + 1} />
        </section>,
      );
    } else {
      flush();
      const list = Array.isArray(v) ? v : [];
      const label = localized(n.label, ctx.lang, ctx.def.defaultLanguage) || n.name;
      items.push(
        <section key={n.path} className="answer-group">
          <h3>
            {label} <span className="badge">{list.length}</span>
          </h3>
          {list.length === 0 ? <p className="muted small">{t('filler.noInstances')}</p> : null}
          {list.map((item, i) => (
            <div className="card repeat-instance" key={i}>
              <h4>
                {label} {i + 1}
              </h4>
              <Nodes nodes={n.children} data={item} path={`${path}/${n.name}[${i + 1}]`} ctx={ctx} depth={depth + 1} />
            </div>
          ))}
        </section>,
      );
    }
  }
  flush();
  return <>{items}</>;
}

function Review({ row, formId, onDone }: { row: SubmissionDetail; formId: string; onDone: (s: ReviewState, c: string | null) => void }) {
  const { t } = useTranslation();
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function set(state: ReviewState, text?: string) {
    setBusy(true);
    setError(null);
    try {
      const res = await formsApi.review(formId, row.instanceId, state, text);
      onDone(res.reviewState, res.reviewComment);
      setRejecting(false);
      setComment('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  function reject(e: FormEvent) {
    e.preventDefault();
    if (comment.trim()) void set('rejected', comment.trim());
  }
  return (
    <section className="card review" aria-labelledby="review-title">
      <h2 id="review-title">{t('submission.review')}</h2>
      <ErrorBox error={error} />
      {rejecting ? (
        <form onSubmit={reject}>
          <div className="field">
            <label htmlFor="reject-comment">{t('submission.rejectComment')}</label>
            <textarea id="reject-comment" rows={3} required value={comment} onChange={(e) => setComment(e.target.value)} />
          </div>
          <div className="button-row">
            <button type="submit" className="button button-danger" disabled={busy || !comment.trim()}>
              {t('submission.reject')}
            </button>
            <button type="button" className="button" onClick={() => setRejecting(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          <button type="button" className="button button-primary" disabled={busy || row.reviewState === 'approved'} onClick={() => void set('approved')}>
            {t('submission.approve')}
          </button>
          <button type="button" className="button button-danger" disabled={busy} onClick={() => setRejecting(true)}>
            {t('submission.reject')}…
          </button>
          {row.reviewState !== 'received' ? (
            <button type="button" className="button button-quiet" disabled={busy} onClick={() => void set('received')}>
              {t('submission.resetReview')}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}

export function SubmissionPage() {
  const { formId = '', instanceId = '' } = useParams();
  const { t } = useTranslation();
  const uiLang = useLang();
  const { me } = useAuth();
  const [row, setRow] = useState<SubmissionDetail | null>(null);
  const [def, setDef] = useState<FormDefinition | null>(null);
  const [error, setError] = useState<unknown>(null);
  usePageTitle(row ? row.instanceName || row.instanceId : t('submission.title'));

  useEffect(() => {
    const controller = new AbortController();
    setRow(null);
    setError(null);
    formsApi
      .submission(formId, instanceId, controller.signal)
      .then(async (r) => {
        setRow(r);
        const d = await definitionVersion(formId, r.formVersion);
        if (!controller.signal.aborted) setDef(d.definition);
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      });
    return () => controller.abort();
  }, [formId, instanceId]);

  if (error) {
    return (
      <div className="page">
        <ErrorBox error={error} />
      </div>
    );
  }
  if (!row || !def) return <Loading />;
  const canReview = Boolean(me?.memberships.some((m) => m.role !== 'volunteer' && m.role !== 'viewer'));
  const issues = new Map<string, SubmissionIssue[]>();
  for (const i of row.issues) issues.set(i.path, [...(issues.get(i.path) ?? []), i]);
  const ctx: ViewCtx = {
    def,
    lang: pickFormLanguage(def, uiLang),
    formId,
    instanceId: row.instanceId,
    attachments: new Set(row.attachments.map((a) => a.name)),
    issues,
    uiLang,
  };
  return (
    <div className="page page-narrow">
      <p>
        <Link to={`/forms/${encodeURIComponent(formId)}/submissions`}>← {t('submissions.title')}</Link>
      </p>
      <div className="page-header page-header-actions">
        <div>
          <h1>
            {row.instanceName || def.title} <ReviewBadge state={row.reviewState} />
          </h1>
          <p className="muted subtitle small">
            {def.title} · <code className="break">{row.instanceId}</code>
          </p>
        </div>
        {row.current ? (
          <Link className="button" to={`/forms/${encodeURIComponent(formId)}/fill?edit=${encodeURIComponent(row.instanceId)}`}>
            {t('submission.edit')}
          </Link>
        ) : null}
      </div>
      {!row.current ? <Notice kind="info">{t('submission.notCurrent')}</Notice> : null}
      <dl className="pairs pairs-wide submission-facts">
        <div>
          <dt>{t('submissions.received')}</dt>
          <dd>{formatDate(row.receivedAt, uiLang)}</dd>
        </div>
        <div>
          <dt>{t('submissions.submitter')}</dt>
          <dd>{row.submitterName ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('submission.formVersion')}</dt>
          <dd>{row.formVersion}</dd>
        </div>
        <div>
          <dt>{t('submission.attachments')}</dt>
          <dd>
            {row.attachmentsPresent}/{row.attachmentsExpected}
          </dd>
        </div>
      </dl>
      {row.reviewComment ? (
        <Notice kind={row.reviewState === 'rejected' ? 'error' : 'info'}>
          {t('submission.reviewComment')}: {row.reviewComment}
        </Notice>
      ) : null}
      {row.issues.length ? (
        <div className="notice notice-error" role="alert">
          <p>{t('submissions.issues', { count: row.issues.length })}</p>
          <ul>
            {row.issues.map((i, n) => (
              <li key={n}>
                <code>{i.path}</code> {issueMessage(i, uiLang)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {canReview ? <Review row={row} formId={formId} onDone={(s, c) => setRow({ ...row, reviewState: s, reviewComment: c })} /> : null}

      <section className="answers-all" aria-label={t('submission.answers')}>
        <Nodes nodes={def.root.children} data={row.data} path={`/${def.root.name}`} ctx={ctx} depth={0} />
      </section>

      {row.history.length > 1 ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t('submission.history')}</h2>
          <ol className="history">
            {row.history.map((h) => (
              <li key={h.instanceId}>
                {h.instanceId === row.instanceId ? (
                  <strong>{formatDate(h.receivedAt, uiLang)}</strong>
                ) : (
                  <Link to={`/forms/${encodeURIComponent(formId)}/submissions/${encodeURIComponent(h.instanceId)}`}>{formatDate(h.receivedAt, uiLang)}</Link>
                )}{' '}
                {h.current ? <span className="badge badge-ok">{t('submission.currentVersion')}</span> : null}
                {h.deprecatedId ? <span className="muted small"> · {t('submission.editOf')}</span> : <span className="muted small"> · {t('submission.original')}</span>}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
