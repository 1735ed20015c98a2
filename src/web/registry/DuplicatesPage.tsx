import { useId, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.js';
import { AreaCodeField } from '../components/AreaCodeField.js';
import { ErrorBox, ListStatus, LoadMore, Notice, usePageTitle } from '../components/ui.js';
import { useRegistryT, type RegistryKey, type ScopedT } from '../i18n/scoped.js';
import { localName, useLang } from '../lib/lang.js';
import type { Lang } from '../lib/dates.js';
import { useCursorPages } from '../lib/useCursorPages.js';
import { canManageRegistry, registryApi, type LinkCandidate, type LinkReasons, type LinkStatus, type Person } from './api.js';
import { useAreas } from './areaNames.js';
import { formErrors, isMissing, personLatinName, personName, propLabel, shownBeside, valueText } from './labels.js';
import './registry.css';

const STATUSES: LinkStatus[] = ['open', 'merged', 'distinct'];
const PAGE_SIZE = 20;

const pairKey = (pair: LinkCandidate) => `${pair.a.id}:${pair.b.id}`;

/** The reasons a pair was proposed, in words. */
export function reasonTexts(r: LinkReasons, rt: ScopedT<RegistryKey>): { text: string; warn?: boolean }[] {
  const out: { text: string; warn?: boolean }[] = [];
  if (r.sameIdNumber) out.push({ text: rt('linkReasons.sameIdNumber') });
  if (typeof r.nameSimilarity === 'number') out.push({ text: rt('linkReasons.nameSimilarity', { percent: Math.round(r.nameSimilarity * 100) }) });
  if (r.samePhoneticKey) out.push({ text: rt('linkReasons.samePhoneticKey') });
  if (r.sameBirthDate) out.push({ text: rt('linkReasons.sameBirthDate') });
  else if (r.birthYearDifference === 0) out.push({ text: rt('linkReasons.birthYearSame') });
  else if (typeof r.birthYearDifference === 'number') out.push({ text: rt('linkReasons.birthYearDifference', { count: r.birthYearDifference }), warn: r.birthYearDifference > 3 });
  if (r.sameHousehold) out.push({ text: rt('linkReasons.sameHousehold') });
  else if (r.sameSubdistrict) out.push({ text: rt('linkReasons.sameSubdistrict') });
  if (r.sameLatinName) out.push({ text: rt('linkReasons.sameLatinName') });
  if (r.sexDiffers) out.push({ text: rt('linkReasons.sexDiffers'), warn: true });
  if (r.manual && out.length === 0) out.push({ text: rt('linkReasons.manual') });
  return out;
}

interface Row {
  key: string;
  label: string;
  a: string;
  b: string;
  differs: boolean;
}

function compareRows(a: Person, b: Person, rt: ScopedT<RegistryKey>, lang: Lang, areaName: (code: string) => string): Row[] {
  const rows: Row[] = [];
  const add = (key: string, label: string, va: unknown, vb: unknown, show: (v: unknown) => string) => {
    if (isMissing(va) && isMissing(vb)) return;
    const sa = isMissing(va) ? '' : show(va);
    const sb = isMissing(vb) ? '' : show(vb);
    rows.push({ key, label, a: sa || '—', b: sb || '—', differs: JSON.stringify(va ?? null) !== JSON.stringify(vb ?? null) });
  };
  add('name', rt('name'), personName(a, rt), personName(b, rt), String);
  add('latin', propLabel('firstNameLatin', rt), personLatinName(a), personLatinName(b), String);
  for (const k of ['sex', 'birthDate', 'birthYear', 'nationality', 'idType', 'idNumber', 'registryStatus', 'relationToHead', 'phone'] as const) {
    add(k, propLabel(k, rt), a[k], b[k], (v) => valueText(k, v, rt, lang));
  }
  add('areaCode', propLabel('areaCode', rt), a.areaCode, b.areaCode, (v) => areaName(String(v)));
  add('household', rt('person.household'), a.householdId, b.householdId, () => '');
  return rows;
}

function HouseholdCell({ person }: { person: Person }) {
  const rt = useRegistryT();
  if (!person.householdId) return <>—</>;
  return <Link to={`/registry/households/${encodeURIComponent(person.householdId)}`}>{rt('person.openHousehold')}</Link>;
}

function PairCard({
  pair,
  n,
  areaName,
  onDone,
}: {
  pair: LinkCandidate;
  n: number;
  areaName: (code: string) => string;
  onDone: (message: string) => void;
}) {
  const rt = useRegistryT();
  const lang = useLang();
  const id = useId();
  const [keep, setKeep] = useState<'a' | 'b'>('a');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { a, b } = pair;
  const rows = compareRows(a, b, rt, lang, areaName);
  const reasons = reasonTexts(pair.reasons, rt);
  // In a merged pair the merged record points at the kept one.
  const merged = pair.status === 'merged' ? (a.mergedInto === b.id ? a : b.mergedInto === a.id ? b : null) : null;
  const labelA = pair.status === 'merged' && merged ? (merged === a ? rt('duplicates.mergedRecord') : rt('duplicates.survivor')) : rt('duplicates.recordA');
  const labelB = pair.status === 'merged' && merged ? (merged === b ? rt('duplicates.mergedRecord') : rt('duplicates.survivor')) : rt('duplicates.recordB');

  async function act(what: 'merge' | 'distinct' | 'unmerge') {
    setBusy(true);
    setError(null);
    try {
      if (what === 'merge') {
        const [survivor, other] = keep === 'a' ? [a, b] : [b, a];
        await registryApi.merge(survivor.id, other.id);
        onDone(rt('duplicates.mergedDone'));
      } else if (what === 'distinct') {
        await registryApi.distinct(a.id, b.id);
        onDone(rt('duplicates.distinctDone'));
      } else if (merged) {
        await registryApi.unmerge({ personId: merged.id });
        onDone(rt('duplicates.unmergedDone'));
      }
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <li className="card pair-card" data-testid="pair">
      <h2 className="pair-title" id={`${id}-title`}>
        {rt('duplicates.pair', { n })}: {personName(a, rt)} · {personName(b, rt)}
      </h2>
      <div className="pair-grid" role="table" aria-labelledby={`${id}-title`}>
        <div className="pair-row pair-head" role="row">
          <span role="columnheader" className="pair-label">
            {rt('duplicates.field')}
          </span>
          <span role="columnheader">
            <Link to={`/registry/people/${encodeURIComponent(a.id)}`}>{labelA}</Link>
          </span>
          <span role="columnheader">
            <Link to={`/registry/people/${encodeURIComponent(b.id)}`}>{labelB}</Link>
          </span>
        </div>
        {rows.map((r) => (
          <div key={r.key} className={`pair-row${r.differs ? ' pair-differs' : ''}`} role="row">
            <span role="rowheader" className="pair-label">
              {r.label}
              {r.differs ? <span className="diff-mark"> {rt('duplicates.differs')}</span> : null}
            </span>
            <span role="cell">{r.key === 'household' ? <HouseholdCell person={a} /> : r.a}</span>
            <span role="cell">{r.key === 'household' ? <HouseholdCell person={b} /> : r.b}</span>
          </div>
        ))}
      </div>
      {reasons.length ? (
        <div className="pair-reasons">
          <h3>{rt('duplicates.why')}</h3>
          <ul className="reason-list">
            {reasons.map((r) => (
              <li key={r.text} className={r.warn ? 'reason-warn' : undefined}>
                {r.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorBox error={error} />
      {pair.status === 'merged' ? (
        <div className="button-row">
          <button type="button" className="button" disabled={busy || !merged} onClick={() => void act('unmerge')}>
            {rt('duplicates.unmerge')}
          </button>
        </div>
      ) : (
        <div className="pair-actions">
          <fieldset className="keep-choice">
            <legend>{rt('duplicates.keep')}</legend>
            <label className="check">
              <input type="radio" name={`${id}-keep`} checked={keep === 'a'} onChange={() => setKeep('a')} />
              {rt('duplicates.keepThis', { record: rt('duplicates.recordA') })}
            </label>
            <label className="check">
              <input type="radio" name={`${id}-keep`} checked={keep === 'b'} onChange={() => setKeep('b')} />
              {rt('duplicates.keepThis', { record: rt('duplicates.recordB') })}
            </label>
            <p className="hint">{rt('duplicates.keepHint')}</p>
          </fieldset>
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void act('merge')}>
              {busy ? rt('duplicates.merging') : rt('duplicates.merge')}
            </button>
            {pair.status === 'open' ? (
              <button type="button" className="button" disabled={busy} onClick={() => void act('distinct')}>
                {rt('duplicates.different')}
              </button>
            ) : null}
          </div>
        </div>
      )}
    </li>
  );
}

/** /duplicates: the linkage review queue (coordinators and admins). */
export function DuplicatesPage() {
  const rt = useRegistryT();
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  usePageTitle(rt('duplicates.title'));
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status: LinkStatus = statusParam === 'merged' || statusParam === 'distinct' ? statusParam : 'open';
  const area = params.get('area') ?? '';
  const [areaInput, setAreaInput] = useState(area);
  const [tick, setTick] = useState(0);
  const { first, items, setItems, more } = useCursorPages(
    (cursor) => registryApi.candidates({ status, area, limit: PAGE_SIZE, cursor }),
    [status, area, tick],
    pairKey,
  );
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const areas = useAreas(items.flatMap((p) => [p.a.areaCode, p.b.areaCode]));
  const areaName = (code: string) => {
    const a = areas.get(code);
    return a ? `${localName(a, lang)} (${code})` : code;
  };

  if (!canManageRegistry(me)) {
    return (
      <div className="page">
        <h1>{t('app.forbiddenTitle')}</h1>
        <p>{t('app.forbiddenText')}</p>
      </div>
    );
  }

  function choose(next: { status?: LinkStatus; area?: string }, keepMessage = false) {
    const p = new URLSearchParams();
    const s = next.status ?? status;
    const a = next.area ?? area;
    if (s !== 'open') p.set('status', s);
    if (a) p.set('area', a);
    if (!keepMessage) setMessage(null);
    setParams(p);
  }

  async function run(e: FormEvent) {
    e.preventDefault();
    setRunning(true);
    setError(null);
    setMessage(null);
    try {
      const r = await registryApi.runLinkage(areaInput.trim() || undefined);
      setMessage(rt('duplicates.runDone', { count: r.candidates, auto: r.autoMerged }));
      if (areaInput.trim() !== area) choose({ area: areaInput.trim() }, true);
      else setTick((n) => n + 1);
    } catch (err) {
      setError(err);
    } finally {
      setRunning(false);
    }
  }

  const fields = formErrors(error ?? first.error, lang);
  const emptyText = status === 'open' ? rt('duplicates.empty') : status === 'merged' ? rt('duplicates.emptyMerged') : rt('duplicates.emptyDistinct');
  return (
    <div className="page">
      <header className="page-header">
        <h1>{rt('duplicates.title')}</h1>
        <p className="muted">{rt('duplicates.intro')}</p>
      </header>

      <form className="filters rj-filters" onSubmit={(e) => void run(e)}>
        <AreaCodeField label={rt('areaFilter')} optional name="area" value={areaInput} onChange={setAreaInput} error={fields.area} />
        <div className="filter-actions">
          <button type="button" className="button" onClick={() => choose({ area: areaInput.trim() })}>
            {t('common.apply')}
          </button>
          <button type="submit" className="button button-primary" disabled={running}>
            {running ? rt('duplicates.running') : rt('duplicates.run')}
          </button>
        </div>
      </form>

      <div className="tabs" role="group" aria-label={rt('duplicates.tabs')}>
        {STATUSES.map((s) => (
          <button key={s} type="button" className="tab" aria-pressed={s === status} onClick={() => choose({ status: s })}>
            {rt(`duplicates.${s}`)}
          </button>
        ))}
      </div>

      <Notice>{message}</Notice>
      <ErrorBox error={error} fieldShown={shownBeside('area')} />
      <ListStatus first={first} count={items.length} empty={emptyText} fieldShown={shownBeside('area')} />
      <ul className="plain pair-list" data-testid="pairs">
        {items.map((pair, i) => (
          <PairCard
            key={pairKey(pair)}
            pair={pair}
            n={i + 1}
            areaName={areaName}
            onDone={(text) => {
              setMessage(text);
              setItems((old) => old.filter((p) => p !== pair));
            }}
          />
        ))}
      </ul>
      <LoadMore more={more} />
    </div>
  );
}
