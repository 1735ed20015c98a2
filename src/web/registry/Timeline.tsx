import { useRegistryT, type RegistryKey, type ScopedT } from '../i18n/scoped.js';
import { registryTh } from '../i18n/registry.th.js';
import { formatDate } from '../lib/dates.js';
import { useLang } from '../lib/lang.js';
import type { SourceRef, TimelineEntry } from './api.js';
import { isMissing, propLabel, valueText } from './labels.js';

/** What kind of source or change an entry is, in words ("นำเข้ารายชื่อ", "รวมระเบียน"). */
export function kindLabel(kind: string, rt: ScopedT<RegistryKey>): string {
  const key = kind.replace(/\./g, '_');
  return Object.prototype.hasOwnProperty.call(registryTh.timelineKinds, key)
    ? rt(`timelineKinds.${key as keyof typeof registryTh.timelineKinds}`)
    : kind;
}

/** "นำเข้ารายชื่อ · บัตรสวัสดิการ (list.csv) · 23 พ.ย. 2569" */
export function SourceText({ source }: { source: SourceRef }) {
  const rt = useRegistryT();
  const lang = useLang();
  const parts = [kindLabel(source.kind, rt), source.label && source.label !== source.kind ? source.label : null].filter(Boolean);
  return (
    <span className="source-text">
      {parts.join(' · ')}
      <span className="muted source-date"> · {formatDate(source.at, lang, { time: false })}</span>
    </span>
  );
}

/** Fields of a timeline entry's values worth showing (not the import's own bookkeeping). */
const HIDDEN_VALUES = new Set(['line', 'householdRef', '_filled', '_sourceKeys']);

function ValueLines({ values }: { values: unknown }) {
  const rt = useRegistryT();
  const lang = useLang();
  if (!values || typeof values !== 'object' || Array.isArray(values)) return null;
  const entries = Object.entries(values as Record<string, unknown>).filter(([k]) => !HIDDEN_VALUES.has(k));
  if (!entries.length) return null;
  return (
    <ul className="plain timeline-values">
      {entries.map(([k, v]) => {
        const text = typeof v === 'object' && v !== null ? JSON.stringify(v) : valueText(k, v, rt, lang);
        return (
          <li key={k}>
            <span className="muted">{propLabel(k, rt)}:</span> {isMissing(v) ? '—' : text}
          </li>
        );
      })}
    </ul>
  );
}

/** Sources that supplied values and recorded changes, newest first, with Buddhist Era dates in Thai. */
export function Timeline({ entries, title }: { entries: TimelineEntry[]; title: string }) {
  const rt = useRegistryT();
  const lang = useLang();
  return (
    <section aria-labelledby="timeline-title" className="timeline-section">
      <h2 id="timeline-title">{title}</h2>
      {entries.length === 0 ? (
        <p className="muted">{rt('person.noTimeline')}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {entries.map((e, i) => (
            <li key={`${e.at}-${i}`} className="timeline-item">
              <p className="timeline-head">
                <time dateTime={e.at}>{formatDate(e.at, lang)}</time>
                <span className="badge">{kindLabel(e.kind, rt)}</span>
                {e.label && e.label !== e.kind ? <span className="timeline-label">{e.label}</span> : null}
                {e.by ? <span className="muted small">{rt('person.by', { name: e.by })}</span> : null}
              </p>
              <ValueLines values={e.values} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
