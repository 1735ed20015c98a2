import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.js';
import { ApiError } from '../api.js';
import { AreaCodeField, useAreaLookup } from '../components/AreaCodeField.js';
import { ErrorBox, Field, Loading, Notice, usePageTitle } from '../components/ui.js';
import { useTargetingT } from '../i18n/scoped.js';
import { errorMessage, fieldErrors, problemTexts } from '../lib/problem.js';
import { localName, useLang } from '../lib/lang.js';
import { useAsync } from '../lib/useAsync.js';
import { formatNumber } from '../registry/labels.js';
import { DIMENSIONS, targetingApi, type Indicator, type Params, type Preview, type Target } from './api.js';
import { canManageIndicators, dimensionName, homeArea, TargetingCrumbs } from './common.js';
import '../registry/registry.css';
import { errorPlace } from './util.js';

interface ParamRow {
  key: number;
  name: string;
  value: string;
}

let rowKey = 0;
function paramRows(params: Params | undefined): ParamRow[] {
  return Object.entries(params ?? {}).map(([name, value]) => ({ key: ++rowKey, name, value: String(value) }));
}

function paramsOf(rows: ParamRow[]): Params {
  const out: Params = {};
  for (const r of rows) {
    const name = r.name.trim();
    if (!name) continue;
    const v = r.value.trim();
    out[name] = v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return out;
}


/** The rule error of a problem: its position and message in the reader's language. */
function ruleError(err: unknown, lang: 'th' | 'en'): { position: number; message: string } | null {
  if (!(err instanceof ApiError) || !err.problem) return null;
  const problem = err.problem as typeof err.problem & { position?: number };
  const e = (problem.errors ?? []).find((x) => x.field === 'rule') as { position?: number; message: string; messageTh?: string } | undefined;
  const position = typeof e?.position === 'number' ? e.position : typeof problem.position === 'number' ? problem.position : null;
  if (position === null) return null;
  const message = e ? (lang === 'th' ? (e.messageTh ?? e.message) : e.message) : (problemTexts(problem, lang).detail ?? problemTexts(problem, lang).title);
  return { position, message };
}

function RuleCaret({ rule, position, message, onGo }: { rule: string; position: number; message: string; onGo: () => void }) {
  const tt = useTargetingT();
  const place = errorPlace(rule, position);
  return (
    <div className="rule-error" role="alert" data-testid="rule-error">
      <p className="field-error">{message}</p>
      <pre className="rule-caret" aria-hidden="true">
        {place.text}
        {'\n'}
        {' '.repeat(place.column - 1)}^
      </pre>
      <p className="small">
        {tt('editor.errorAt', { position, line: place.line, column: place.column })}{' '}
        <button type="button" className="link-button" onClick={onGo}>
          {tt('editor.goToError')}
        </button>
      </p>
    </div>
  );
}

type PreviewState = { state: 'idle' } | { state: 'busy' } | { state: 'ok'; preview: Preview } | { state: 'error'; error: unknown };

/** Debounced live preview of how many a rule would flag. */
function usePreview(rule: string, target: Target, params: Params, area: string): PreviewState {
  const [state, setState] = useState<PreviewState>({ state: 'idle' });
  const paramsKey = JSON.stringify(params);
  useEffect(() => {
    if (!rule.trim()) {
      setState({ state: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState((s) => (s.state === 'ok' ? s : { state: 'busy' }));
    const timer = setTimeout(() => {
      setState({ state: 'busy' });
      targetingApi
        .preview({ rule, target, params: JSON.parse(paramsKey) as Params, ...(area && area !== 'TH' ? { area } : {}) }, controller.signal)
        .then((preview) => setState({ state: 'ok', preview }))
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setState({ state: 'error', error });
        });
    }, 450);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [rule, target, paramsKey, area]);
  return state;
}

function EditorForm({ original }: { original: Indicator | null }) {
  const tt = useTargetingT();
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const navigate = useNavigate();
  const ids = useId();
  const [code, setCode] = useState(original?.code ?? '');
  const [nameTh, setNameTh] = useState(original?.nameTh ?? '');
  const [nameEn, setNameEn] = useState(original?.nameEn ?? '');
  const [descriptionTh, setDescriptionTh] = useState(original?.descriptionTh ?? '');
  const [descriptionEn, setDescriptionEn] = useState(original?.descriptionEn ?? '');
  const [dimension, setDimension] = useState<string>(original?.dimension ?? 'health');
  const [target, setTarget] = useState<Target>(original?.target ?? 'person');
  const [rule, setRule] = useState(original?.rule ?? '');
  const [rows, setRows] = useState<ParamRow[]>(() => paramRows(original?.params));
  const [active, setActive] = useState(original?.active ?? true);
  const [area, setArea] = useState(() => {
    const home = homeArea(me);
    return home === 'TH' ? '' : home;
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ruleRef = useRef<HTMLTextAreaElement>(null);
  const params = paramsOf(rows);
  const preview = usePreview(rule, target, params, area.trim());
  const areaLookup = useAreaLookup(area);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const common = {
        nameTh: nameTh.trim(),
        nameEn: nameEn.trim(),
        ...(descriptionTh.trim() ? { descriptionTh: descriptionTh.trim() } : {}),
        ...(descriptionEn.trim() ? { descriptionEn: descriptionEn.trim() } : {}),
        dimension,
        rule,
        params,
      };
      const saved = original
        ? await targetingApi.update(original.code, { ...common, active })
        : await targetingApi.create({ ...common, code: code.trim(), target });
      const message = original ? tt('editor.saved', { name: localName(saved, lang) }) : tt('editor.created', { name: localName(saved, lang) });
      void navigate(`/targeting/indicators/${encodeURIComponent(saved.code)}`, { state: { message } });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const fields = fieldErrors(error, lang);
  // The rule's error: from saving, else from the live preview.
  const saveRuleError = ruleError(error, lang);
  const previewRuleError = preview.state === 'error' ? ruleError(preview.error, lang) : null;
  const shownRuleError = saveRuleError ?? previewRuleError;
  const goToError = () => {
    const el = ruleRef.current;
    if (!el || !shownRuleError) return;
    el.focus();
    el.setSelectionRange(shownRuleError.position, Math.min(rule.length, shownRuleError.position + 1));
  };
  const unit = tt(`units.${target}`);
  const areaName = areaLookup.state === 'found' ? localName(areaLookup.area, lang) : area.trim() || tt('dashboard.allAreas');
  const sensitiveRule = /\b(disability|bedridden|chronicIllness|vaccinated)\b/.test(rule);

  return (
    <form className="editor-layout" onSubmit={(e) => void submit(e)}>
      <div className="card form-card editor-main">
        <ErrorBox error={error} fieldShown={(f) => ['code', 'nameTh', 'nameEn', 'dimension', 'target', 'rule', 'descriptionTh', 'descriptionEn'].includes(f)} />
        <div className="form-grid">
          {original ? null : (
            <Field label={tt('editor.code')} hint={tt('editor.codeHint')} error={fields.code}>
              {(p) => (
                <input
                  {...p}
                  name="code"
                  required
                  pattern="[a-z][a-z0-9_]{1,62}"
                  autoComplete="off"
                  spellCheck={false}
                  className="mono"
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                />
              )}
            </Field>
          )}
          <Field label={tt('editor.nameTh')} error={fields.nameTh}>
            {(p) => <input {...p} name="nameTh" lang="th" required value={nameTh} onChange={(e) => setNameTh(e.target.value)} />}
          </Field>
          <Field label={tt('editor.nameEn')} error={fields.nameEn}>
            {(p) => <input {...p} name="nameEn" lang="en" required value={nameEn} onChange={(e) => setNameEn(e.target.value)} />}
          </Field>
          <Field label={tt('editor.dimension')} error={fields.dimension}>
            {(p) => (
              <select {...p} name="dimension" value={dimension} onChange={(e) => setDimension(e.target.value)}>
                {DIMENSIONS.map((d) => (
                  <option key={d} value={d}>
                    {dimensionName(d, tt)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={tt('editor.target')} hint={original ? tt('editor.targetFixed') : undefined} error={fields.target}>
            {(p) => (
              <select {...p} name="target" value={target} disabled={Boolean(original)} onChange={(e) => setTarget(e.target.value === 'household' ? 'household' : 'person')}>
                <option value="person">{tt('targets.person')}</option>
                <option value="household">{tt('targets.household')}</option>
              </select>
            )}
          </Field>
        </div>

        <Field
          label={tt('editor.rule')}
          hint={tt('editor.ruleHint')}
          className="rule-field"
          after={shownRuleError ? <RuleCaret rule={rule} position={shownRuleError.position} message={shownRuleError.message} onGo={goToError} /> : null}
        >
          {(p) => (
            <textarea
              {...p}
              {...(shownRuleError ? { 'aria-invalid': true } : {})}
              ref={ruleRef}
              name="rule"
              className="mono rule-input"
              rows={4}
              required
              spellCheck={false}
              autoCapitalize="off"
              autoCorrect="off"
              value={rule}
              onChange={(e) => setRule(e.target.value)}
            />
          )}
        </Field>
        {sensitiveRule ? <Notice kind="info">{tt('editor.sensitiveNote')}</Notice> : null}

        <fieldset className="params">
          <legend>{tt('editor.params')}</legend>
          <p className="hint">{tt('editor.paramsHint')}</p>
          {rows.map((r) => (
            <div key={r.key} className="param-row">
              <label>
                <span className="small">{tt('editor.paramName')}</span>
                <input
                  className="mono"
                  value={r.name}
                  spellCheck={false}
                  onChange={(e) => setRows((old) => old.map((x) => (x.key === r.key ? { ...x, name: e.target.value } : x)))}
                />
              </label>
              <label>
                <span className="small">{tt('editor.paramValue')}</span>
                <input value={r.value} onChange={(e) => setRows((old) => old.map((x) => (x.key === r.key ? { ...x, value: e.target.value } : x)))} />
              </label>
              <button
                type="button"
                className="button button-small button-quiet"
                aria-label={tt('editor.removeParam', { name: r.name })}
                onClick={() => setRows((old) => old.filter((x) => x.key !== r.key))}
              >
                ✕
              </button>
            </div>
          ))}
          <button type="button" className="button button-small" onClick={() => setRows((old) => [...old, { key: ++rowKey, name: '', value: '' }])}>
            {tt('editor.addParam')}
          </button>
        </fieldset>

        <div className="form-grid">
          <Field label={tt('editor.descriptionTh')} optional error={fields.descriptionTh}>
            {(p) => <textarea {...p} name="descriptionTh" lang="th" rows={2} value={descriptionTh} onChange={(e) => setDescriptionTh(e.target.value)} />}
          </Field>
          <Field label={tt('editor.descriptionEn')} optional error={fields.descriptionEn}>
            {(p) => <textarea {...p} name="descriptionEn" lang="en" rows={2} value={descriptionEn} onChange={(e) => setDescriptionEn(e.target.value)} />}
          </Field>
        </div>
        {original ? (
          <label className="check">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
            {tt('editor.active')}
          </label>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('common.saving') : original ? t('common.save') : t('common.create')}
          </button>
          <Link className="button" to={original ? `/targeting/indicators/${encodeURIComponent(original.code)}` : '/targeting'}>
            {t('common.cancel')}
          </Link>
        </div>
      </div>

      <aside className="card editor-preview" aria-labelledby={`${ids}-preview`}>
        <h2 id={`${ids}-preview`}>{tt('editor.previewTitle')}</h2>
        <AreaCodeField label={tt('editor.previewArea')} optional value={area} onChange={setArea} />
        <div className="preview-figure" aria-live="polite" data-testid="rule-preview">
          {preview.state === 'idle' ? <p className="muted">{tt('editor.previewWaiting', { unit })}</p> : null}
          {preview.state === 'busy' ? <p className="muted">{tt('editor.previewing')}</p> : null}
          {preview.state === 'ok' ? (
            <>
              <p className="preview-number">
                {tt('editor.preview', { flagged: formatNumber(preview.preview.flagged, lang), total: formatNumber(preview.preview.total, lang), unit })}
              </p>
              <p className="muted">{tt('editor.previewArea2', { area: areaName })}</p>
              <div className="bar" aria-hidden="true">
                <span style={{ width: `${preview.preview.total ? Math.min(100, (preview.preview.flagged / preview.preview.total) * 100) : 0}%` }} />
              </div>
            </>
          ) : null}
          {preview.state === 'error' && !previewRuleError ? <p className="field-error">{errorMessage(preview.error, lang, t)}</p> : null}
        </div>
      </aside>
    </form>
  );
}

/** /targeting/indicators/new and /targeting/indicators/:code/edit (coordinators and admins). */
export function IndicatorEditorPage() {
  const { code } = useParams();
  const tt = useTargetingT();
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const list = useAsync((signal) => (code ? targetingApi.indicators(signal) : Promise.resolve([])), [code]);
  const original = code ? (list.data?.find((i) => i.code === code) ?? null) : null;
  const title = original ? tt('editor.titleEdit', { name: localName(original, lang) }) : tt('editor.titleNew');
  usePageTitle(title);
  if (!canManageIndicators(me)) {
    return (
      <div className="page">
        <h1>{t('app.forbiddenTitle')}</h1>
        <p>{tt('editor.notAllowed')}</p>
      </div>
    );
  }
  if (code && list.loading) return <Loading />;
  return (
    <div className="page">
      <TargetingCrumbs current={title} />
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      <ErrorBox error={list.error} />
      {code && list.data && !original ? <Notice kind="error">{t('app.notFoundText')}</Notice> : null}
      {!code || original ? <EditorForm key={original?.code ?? 'new'} original={original} /> : null}
    </div>
  );
}
