import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.js';
import { ErrorBox, Field, Notice, usePageTitle } from '../components/ui.js';
import { useRegistryT } from '../i18n/scoped.js';
import { fieldErrors } from '../lib/problem.js';
import { useLang } from '../lib/lang.js';
import { LEGAL_BASES } from '../../lib/legalBases.js';
import { canManageRegistry, HOUSEHOLD_PROPERTIES, isSensitive, PERSON_PROPERTIES, registryApi, type ImportResult, type PropertyName } from './api.js';
import { guessMapping, guessProperty, isWorkbook, readSample, type CsvSample } from './csv.js';
import { formatNumber, propLabel } from './labels.js';
import { RegistryCrumbs } from './PersonPage.js';
import './registry.css';

type Step = 'file' | 'map' | 'preview' | 'result';
const STEPS: Step[] = ['file', 'map', 'preview', 'result'];
const REQUIRED: PropertyName[] = ['firstName', 'areaCode'];
const SHOWN_REJECTED = 200;

function Steps({ step }: { step: Step }) {
  const rt = useRegistryT();
  const names = [rt('import.step1'), rt('import.step2'), rt('import.step3'), rt('import.step4')];
  const at = STEPS.indexOf(step);
  return (
    <ol className="wizard-steps" aria-label={rt('import.steps')}>
      {names.map((n, i) => (
        <li key={n} className={i === at ? 'current' : i < at ? 'done' : undefined} aria-current={i === at ? 'step' : undefined}>
          <span className="wizard-step-no" aria-hidden="true">
            {i + 1}
          </span>
          {n}
        </li>
      ))}
    </ol>
  );
}

function Counts({ result }: { result: ImportResult }) {
  const rt = useRegistryT();
  const lang = useLang();
  const cells: [string, number, string][] = [
    [rt('import.inserted'), result.inserted, 'inserted'],
    [rt('import.updated'), result.updated, 'updated'],
    [rt('import.unchanged'), result.unchanged, 'unchanged'],
    [rt('import.rejected'), result.rejected.length, 'rejected'],
  ];
  return (
    <dl className="stat-tiles" data-testid="import-counts">
      {cells.map(([label, n, key]) => (
        <div key={key} className={`stat-tile${key === 'rejected' && n > 0 ? ' stat-bad' : ''}`} data-count={key}>
          <dt>{label}</dt>
          <dd>{formatNumber(n, lang)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** `lineLabel`: what a line of the file is called (a workbook has rows). */
function Rejected({ result, lineLabel }: { result: ImportResult; lineLabel: string }) {
  const rt = useRegistryT();
  const lang = useLang();
  const rows = result.rejected.slice(0, SHOWN_REJECTED).flatMap((r) => r.errors.map((e, i) => ({ line: r.line, first: i === 0, ...e })));
  return (
    <>
      <div className="table-scroll">
        <table className="table responsive" data-testid="import-rejected">
          <thead>
            <tr>
              <th scope="col">{lineLabel}</th>
              <th scope="col">{rt('person.property')}</th>
              <th scope="col">{rt('import.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td data-label={lineLabel}>{r.line}</td>
                <td data-label={rt('person.property')}>{propLabel(r.field, rt)}</td>
                <td data-label={rt('import.problem')}>{lang === 'th' ? r.messageTh || r.message : r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.rejected.length > SHOWN_REJECTED ? <p className="muted">{rt('import.moreRows', { count: result.rejected.length - SHOWN_REJECTED })}</p> : null}
    </>
  );
}

/** /registry/import: CSV → header read here → map columns → check a sample → import → counts and rejected lines. */
export function ImportPage() {
  const rt = useRegistryT();
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  usePageTitle(rt('import.title'));
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [sample, setSample] = useState<CsvSample | null>(null);
  const [mapping, setMapping] = useState<(PropertyName | '')[]>([]);
  const [readError, setReadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [partialDone, setPartialDone] = useState(false);
  const [legalBasis, setLegalBasis] = useState('');
  const [legalBasisNote, setLegalBasisNote] = useState('');

  if (!canManageRegistry(me)) {
    return (
      <div className="page">
        <h1>{t('app.forbiddenTitle')}</h1>
        <p>{t('app.forbiddenText')}</p>
      </div>
    );
  }

  async function choose(f: File | null) {
    setFile(f);
    setSample(null);
    setReadError(null);
    setError(null);
    if (!f) return;
    if (!source) setSource(f.name.replace(/\.(csv|xlsx)$/i, ''));
    try {
      const s = await readSample(f);
      if (!s.header.length || s.header.every((h) => !h)) {
        setReadError(rt('import.noHeader'));
        return;
      }
      setSample(s);
      setMapping(guessMapping(s.header));
    } catch {
      setReadError(rt('import.readError'));
    }
  }

  const lineLabel = file && isWorkbook(file) ? rt('import.row') : rt('import.line');
  const chosen = mapping.filter((m): m is PropertyName => m !== '');
  const dupes = [...new Set(chosen.filter((p, i) => chosen.indexOf(p) !== i))];
  const missing = REQUIRED.filter((p) => !chosen.includes(p));
  // Health and disability columns (PDPA s.26) come with a legal basis: one for the whole list, or a column of them.
  const healthColumns = chosen.filter((p) => isSensitive(p));
  const basisNeeded = healthColumns.length > 0 && !chosen.includes('legalBasis');
  const mapProblems = [
    ...missing.map((p) => (p === 'firstName' ? rt('import.needFirstName') : rt('import.needAreaCode'))),
    ...dupes.map((p) => rt('import.duplicate', { property: propLabel(p, rt) })),
    ...(basisNeeded && !legalBasis ? [rt('import.needLegalBasis', { properties: healthColumns.map((p) => propLabel(p, rt)).join(', ') })] : []),
  ];

  function mappingObject(): Record<string, string> {
    const out: Record<string, string> = {};
    sample?.header.forEach((h, i) => {
      const p = mapping[i];
      if (p && h) out[h] = p;
    });
    return out;
  }

  async function runImport(partial: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const basis = healthColumns.length && legalBasis ? { legalBasis, legalBasisNote: legalBasisNote.trim() || undefined } : {};
      const r = await registryApi.importPeople(file, mappingObject(), { source: source.trim() || file.name, partial, ...basis });
      setResult(r);
      setPartialDone(partial);
      setStep('result');
    } catch (err) {
      setError(err);
      // problems with the mapping or file are shown beside their fields
      const fe = fieldErrors(err, lang);
      if (Object.keys(fe).some((k) => k.startsWith('mapping.'))) setStep('map');
      else if (fe.file) setStep('file');
    } finally {
      setBusy(false);
    }
  }

  function next(e: FormEvent) {
    e.preventDefault();
    if (step === 'file' && sample) setStep('map');
    else if (step === 'map' && mapProblems.length === 0) setStep('preview');
  }

  function restart() {
    setStep('file');
    setFile(null);
    setSample(null);
    setMapping([]);
    setResult(null);
    setError(null);
    setSource('');
  }

  const fields = fieldErrors(error, lang);
  const previewColumns = sample ? sample.header.map((h, i) => ({ h, i, p: mapping[i] })).filter((c): c is { h: string; i: number; p: PropertyName } => Boolean(c.p)) : [];

  return (
    <div className="page">
      <RegistryCrumbs current={rt('import.title')} />
      <header className="page-header">
        <h1>{rt('import.title')}</h1>
        <p className="muted">{rt('import.intro')}</p>
      </header>
      <Steps step={step} />
      <ErrorBox error={error} fieldShown={(f) => f === 'file' || f.startsWith('mapping.')} />

      {step === 'file' ? (
        <form className="card wizard-card" onSubmit={next}>
          <Field label={rt('import.file')} hint={rt('import.fileHint')} error={readError ?? fields.file}>
            {(p) => <input {...p} type="file" name="file" accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => void choose(e.target.files?.[0] ?? null)} />}
          </Field>
          <Field label={rt('import.source')} hint={rt('import.sourceHint')} error={fields.source}>
            {(p) => <input {...p} name="source" maxLength={200} value={source} onChange={(e) => setSource(e.target.value)} />}
          </Field>
          {sample && file ? (
            <p className="muted small" data-testid="file-read">
              {file.name} · {rt('import.columns', { count: sample.header.length })}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={!sample}>
              {rt('import.next')}
            </button>
          </div>
        </form>
      ) : null}

      {step === 'map' && sample ? (
        <form className="card wizard-card" onSubmit={next}>
          <h2 className="wizard-title">{rt('import.step2')}</h2>
          <ul className="plain mapping-list" data-testid="mapping">
            {sample.header.map((h, i) => {
              const example = sample.rows.map((r) => r[i] ?? '').find((v) => v.trim() !== '') ?? '';
              const value = mapping[i] ?? '';
              const guessed = value !== '' && guessProperty(h) === value;
              return (
                <li key={`${h}-${i}`} className="mapping-row">
                  <Field
                    label={h || `#${i + 1}`}
                    hint={example ? `${rt('import.example')}: ${example}` : undefined}
                    error={fields[`mapping.${h}`]}
                    after={guessed ? <p className="hint">{rt('import.guessed')}</p> : null}
                  >
                    {(p) => (
                      <select
                        {...p}
                        name={`map-${i}`}
                        data-column={h}
                        value={value}
                        onChange={(e) => setMapping((old) => old.map((m, j) => (j === i ? (e.target.value as PropertyName | '') : m)))}
                      >
                        <option value="">{rt('import.skip')}</option>
                        <optgroup label={rt('propGroups.household')}>
                          {HOUSEHOLD_PROPERTIES.map((prop) => (
                            <option key={prop} value={prop}>
                              {propLabel(prop, rt)} ({prop})
                            </option>
                          ))}
                        </optgroup>
                        <optgroup label={rt('propGroups.person')}>
                          {PERSON_PROPERTIES.map((prop) => (
                            <option key={prop} value={prop}>
                              {propLabel(prop, rt)} ({prop})
                            </option>
                          ))}
                        </optgroup>
                      </select>
                    )}
                  </Field>
                </li>
              );
            })}
          </ul>
          {healthColumns.length ? (
            <fieldset className="legal-basis" data-testid="legal-basis">
              <legend>{rt('import.legalBasisTitle')}</legend>
              <p className="hint">{rt(chosen.includes('legalBasis') ? 'import.legalBasisDefaultHint' : 'import.legalBasisHint')}</p>
              <Field label={rt('props.legalBasis')} error={fields.legalBasis}>
                {(p) => (
                  <select {...p} name="legalBasis" value={legalBasis} onChange={(e) => setLegalBasis(e.target.value)}>
                    <option value="">{rt('import.legalBasisNone')}</option>
                    {LEGAL_BASES.map((b) => (
                      <option key={b} value={b}>
                        {rt(`legalBases.${b}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={rt('import.legalBasisNote')} hint={rt('import.legalBasisNoteHint')}>
                {(p) => <input {...p} name="legalBasisNote" value={legalBasisNote} maxLength={500} onChange={(e) => setLegalBasisNote(e.target.value)} />}
              </Field>
            </fieldset>
          ) : null}
          {mapProblems.length ? (
            <div className="notice notice-error" role="alert">
              <ul className="plain">
                {mapProblems.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setStep('file')}>
              {rt('import.back')}
            </button>
            <button type="submit" className="button button-primary" disabled={mapProblems.length > 0}>
              {rt('import.next')}
            </button>
          </div>
        </form>
      ) : null}

      {step === 'preview' && sample ? (
        <section className="card wizard-card" aria-labelledby="preview-title">
          <h2 className="wizard-title" id="preview-title">
            {rt('import.previewTitle', { count: sample.rows.length })}
          </h2>
          <p className="muted">{rt('import.previewIntro')}</p>
          <div className="table-scroll">
            <table className="table responsive compact-cells" data-testid="import-preview">
              <thead>
                <tr>
                  <th scope="col">{lineLabel}</th>
                  {previewColumns.map((c) => (
                    <th key={c.i} scope="col">
                      {propLabel(c.p, rt)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sample.rows.map((row, r) => (
                  <tr key={r}>
                    <td data-label={lineLabel}>{sample.lines[r] ?? r + 2}</td>
                    {previewColumns.map((c) => {
                      const v = (row[c.i] ?? '').trim();
                      const bad = !v && REQUIRED.includes(c.p);
                      return (
                        <td key={c.i} data-label={propLabel(c.p, rt)} className={bad ? 'cell-missing' : undefined}>
                          {v || (bad ? rt('import.missing') : '—')}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setStep('map')}>
              {rt('import.back')}
            </button>
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void runImport(false)}>
              {busy ? rt('import.importing') : rt('import.importNow')}
            </button>
          </div>
        </section>
      ) : null}

      {step === 'result' && result ? (
        <section className="card wizard-card" aria-labelledby="result-title" data-testid="import-result">
          <h2 className="wizard-title" id="result-title">
            {result.rejected.length ? rt('import.rejectedTitle', { count: result.rejected.length }) : rt('import.doneTitle')}
          </h2>
          <Counts result={result} />
          {result.rejected.length ? (
            <>
              <Notice kind={result.importId ? 'info' : 'error'}>{result.importId ? rt('import.partialStored') : rt('import.nothingStored')}</Notice>
              <Rejected result={result} lineLabel={lineLabel} />
            </>
          ) : null}
          <div className="form-actions">
            {!result.importId && result.rejected.length && !partialDone ? (
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void runImport(true)}>
                {busy ? rt('import.importing') : rt('import.importPartial')}
              </button>
            ) : null}
            {!result.importId ? (
              <button type="button" className="button" onClick={() => setStep('map')}>
                {rt('import.back')}
              </button>
            ) : null}
            <button type="button" className="button" onClick={restart}>
              {rt('import.another')}
            </button>
            <Link className="button" to="/registry">
              {rt('import.goSearch')}
            </Link>
          </div>
        </section>
      ) : null}
    </div>
  );
}
