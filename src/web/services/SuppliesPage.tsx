/**
 * Supplies: the stock of each item, receiving stock, requesting an item for
 * a person, and handing it over (a 409 when the stock is short is said in
 * plain words, with a way to receive stock first).
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.js';
import { ApiError, type Me, type Organization } from '../api.js';
import { ErrorBox, Field, Loading, Notice, usePageTitle } from '../components/ui.js';
import { formatDate, type Lang } from '../lib/dates.js';
import { localName, useLang } from '../lib/lang.js';
import { useAsync } from '../lib/useAsync.js';
import { actingOrgIds, memberOrgIds, type PersonHit } from '../cases/api.js';
import { ActingOrgSelect, orgLabel, PersonPicker, personName, SubmitButton, useFormSend } from '../cases/common.js';
import { label, useCasesT } from '../cases/i18n.js';
import { useOrganizations } from '../cases/lookups.js';
import { servicesApi, type StockRow, type SupplyItem, type SupplyRequest } from './api.js';
import { usePrefill } from './prefill.js';
import { ServiceTabs } from './ServiceTabs.js';

function itemName(items: SupplyItem[], code: string, lang: Lang): string {
  const it = items.find((i) => i.code === code);
  return it ? localName(it, lang) : code;
}

function unitOf(items: SupplyItem[], code: string, lang: Lang): string {
  const it = items.find((i) => i.code === code);
  if (!it) return '';
  return lang === 'en' ? it.unitEn : it.unitTh;
}

function quantityOf(stock: StockRow[], orgId: string, code: string): number {
  return stock.find((s) => s.orgId === orgId && s.itemCode === code)?.quantity ?? 0;
}

/** The item (by its code) and how many of it, in the item's unit. */
function ItemQuantity({
  items,
  itemCode,
  onItemCode,
  quantity,
  onQuantity,
  need,
}: {
  items: SupplyItem[];
  itemCode: string;
  onItemCode: (code: string) => void;
  quantity: string;
  onQuantity: (q: string) => void;
  need: (field: string) => string | undefined;
}) {
  const t = useCasesT();
  const lang = useLang();
  return (
    <>
      <Field label={t('supplies.item')} error={need('itemCode')}>
        {(p) => (
          <select {...p} name="itemCode" value={itemCode} onChange={(e) => onItemCode(e.target.value)}>
            <option value="">{t('supplies.chooseItem')}</option>
            {items.map((i) => (
              <option key={i.code} value={i.code}>
                {localName(i, lang)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('supplies.quantity')} error={need('quantity')}>
        {(p) => (
          <div className="input-unit">
            <input {...p} name="quantity" type="number" inputMode="numeric" min={1} step={1} value={quantity} onChange={(e) => onQuantity(e.target.value)} />
            {itemCode ? <span className="vital-unit">{unitOf(items, itemCode, lang)}</span> : null}
          </div>
        )}
      </Field>
    </>
  );
}

function ReceiveForm({ me, items, preset, onDone }: { me: Me; items: SupplyItem[]; preset: { itemCode: string; orgId: string } | null; onDone: (msg: string) => void }) {
  const t = useCasesT();
  const lang = useLang();
  const acting = actingOrgIds(me);
  const [orgId, setOrgId] = useState(preset?.orgId ?? acting[0] ?? '');
  const [itemCode, setItemCode] = useState(preset?.itemCode ?? '');
  const [quantity, setQuantity] = useState('');
  const [note, setNote] = useState('');
  const { busy, error, fe, need, check, send } = useFormSend();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const q = Number(quantity);
    if (!check({ itemCode: !itemCode, quantity: !Number.isInteger(q) || q < 1 })) return;
    await send(
      async () => {
        const res = await servicesApi.receive({ itemCode, quantity: q, ...(orgId ? { orgId } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
        setQuantity('');
        setNote('');
        onDone(t('supplies.received', { item: itemName(items, itemCode, lang), quantity: q, unit: unitOf(items, itemCode, lang), stock: res.stock }));
      },
      { staysOpen: true },
    );
  }

  return (
    <section className="card form-card" aria-labelledby="receive-title" id="receive-stock">
      <h2 id="receive-title">{t('supplies.receive')}</h2>
      <ErrorBox error={error} fieldShown={(f) => ['itemCode', 'quantity', 'orgId', 'note'].includes(f)} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ActingOrgSelect ids={acting} value={orgId} onChange={setOrgId} error={fe.orgId} />
        <ItemQuantity items={items} itemCode={itemCode} onItemCode={setItemCode} quantity={quantity} onQuantity={setQuantity} need={need} />
        <Field label={t('supplies.note')} optional error={fe.note}>
          {(p) => <input {...p} name="note" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <SubmitButton busy={busy}>{t('supplies.receive')}</SubmitButton>
      </form>
    </section>
  );
}

function RequestForm({ me, items, initialPerson, caseId, onDone }: { me: Me; items: SupplyItem[]; initialPerson: PersonHit | null; caseId: string | null; onDone: (msg: string, person: PersonHit) => void }) {
  const t = useCasesT();
  const lang = useLang();
  const mine = memberOrgIds(me);
  const [person, setPerson] = useState<PersonHit | null>(initialPerson);
  const [orgId, setOrgId] = useState(mine[0] ?? '');
  const [itemCode, setItemCode] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [reason, setReason] = useState('');
  const { busy, error, fe, need, check, send } = useFormSend();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const q = Number(quantity);
    if (!check({ personId: !person, itemCode: !itemCode, quantity: !Number.isInteger(q) || q < 1 }) || !person) return;
    await send(
      async () => {
        await servicesApi.requestSupply({
          personId: person.id,
          itemCode,
          quantity: q,
          ...(orgId ? { orgId } : {}),
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          ...(caseId ? { caseId } : {}),
        });
        setReason('');
        onDone(t('supplies.requested', { item: itemName(items, itemCode, lang), name: personName(person) }), person);
      },
      { staysOpen: true },
    );
  }

  return (
    <section className="card form-card" aria-labelledby="request-title">
      <h2 id="request-title">{t('supplies.request')}</h2>
      <ErrorBox error={error} fieldShown={(f) => ['personId', 'itemCode', 'quantity', 'orgId', 'reason'].includes(f)} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <PersonPicker value={person} onChange={setPerson} error={need('personId', t('picker.required'))} />
        <ActingOrgSelect ids={mine} value={orgId} onChange={setOrgId} error={fe.orgId} />
        <ItemQuantity items={items} itemCode={itemCode} onItemCode={setItemCode} quantity={quantity} onQuantity={setQuantity} need={need} />
        <Field label={t('supplies.reason')} optional error={fe.reason}>
          {(p) => <input {...p} name="reason" maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <SubmitButton busy={busy}>{t('supplies.request')}</SubmitButton>
      </form>
    </section>
  );
}

function PersonSupplies({
  person,
  items,
  stock,
  orgs,
  staff,
  tick,
  onHandedOver,
  onShort,
}: {
  person: PersonHit;
  items: SupplyItem[];
  stock: StockRow[];
  orgs: Map<string, Organization>;
  staff: boolean;
  tick: number;
  onHandedOver: (msg: string) => void;
  onShort: (r: SupplyRequest) => void;
}) {
  const t = useCasesT();
  const { t: tm } = useTranslation();
  const lang = useLang();
  const data = useAsync((signal) => servicesApi.personSupplies(person.id, signal), [person.id, tick]);
  const [busy, setBusy] = useState<string | null>(null);
  const [short, setShort] = useState<{ id: string; text: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const showOrg = new Set((data.data?.requests ?? []).map((r) => r.orgId)).size > 1;

  async function handOver(r: SupplyRequest) {
    setBusy(r.id);
    setShort(null);
    setError(null);
    try {
      const res = await servicesApi.handOver(r.id);
      onHandedOver(t('supplies.handedOver', { item: itemName(items, r.itemCode, lang), stock: res.stockLeft }));
      data.reload();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && r.status === 'requested') {
        const unit = unitOf(items, r.itemCode, lang);
        setShort({ id: r.id, text: t('supplies.notEnough', { need: r.quantity, have: quantityOf(stock, r.orgId, r.itemCode), unit }) });
      } else {
        setError(err);
      }
      data.reload();
    } finally {
      setBusy(null);
    }
  }

  if (data.error) {
    return (
      <ErrorBox error={data.error} onRetry={data.reload} />
    );
  }
  if (!data.data) return <Loading />;
  const { requests, handovers } = data.data;
  return (
    <div className="person-supplies" data-testid="person-supplies">
      <ErrorBox error={error} />
      {requests.length === 0 ? (
        <p className="muted">{t('supplies.noRequests')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table responsive">
            <thead>
              <tr>
                <th scope="col">{t('supplies.item')}</th>
                <th scope="col">{t('supplies.quantity')}</th>
                <th scope="col">{tm('common.status')}</th>
                <th scope="col">{t('supplies.requestedAt')}</th>
                {showOrg ? <th scope="col">{t('supplies.org')}</th> : null}
                <th scope="col">
                  <span className="sr-only">{tm('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} data-testid="supply-request" data-status={r.status}>
                  <td className="cell-title">
                    {itemName(items, r.itemCode, lang)}
                    {r.reason ? <span className="muted small block">{r.reason}</span> : null}
                  </td>
                  <td data-label={t('supplies.quantity')}>
                    {r.quantity} {unitOf(items, r.itemCode, lang)}
                  </td>
                  <td data-label={tm('common.status')}>
                    <span className={`badge ${r.status === 'handed_over' ? 'badge-ok' : r.status === 'requested' ? 'badge-warn' : 'badge-off'}`}>
                      {label(t, 'requestStatuses', r.status)}
                    </span>
                  </td>
                  <td data-label={t('supplies.requestedAt')}>{formatDate(r.createdAt, lang)}</td>
                  {showOrg ? <td data-label={t('supplies.org')}>{orgLabel(orgs, r.orgId, lang, t('common.unknownOrg'))}</td> : null}
                  <td className="cell-actions">
                    {staff && r.status === 'requested' ? (
                      <button type="button" className="button button-small button-primary" disabled={busy === r.id} onClick={() => void handOver(r)}>
                        {t('supplies.handOver')}
                      </button>
                    ) : null}
                    {short?.id === r.id ? (
                      <div className="notice notice-error short-stock" role="alert" data-testid="not-enough">
                        <p>
                          <strong>{t('supplies.notEnoughTitle', { item: itemName(items, r.itemCode, lang) })}</strong>
                        </p>
                        <p>{short.text}</p>
                        <button type="button" className="button button-small" onClick={() => onShort(r)}>
                          {t('supplies.receiveFirst')}
                        </button>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t('supplies.handovers')}</h3>
      {handovers.length === 0 ? (
        <p className="muted">{t('supplies.noHandovers')}</p>
      ) : (
        <ul className="plain">
          {handovers.map((h, i) => (
            <li key={`${h.itemCode}-${h.at}-${i}`}>
              {itemName(items, h.itemCode, lang)} {h.quantity} {unitOf(items, h.itemCode, lang)} · <span className="muted">{formatDate(h.at, lang)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function SuppliesPage() {
  const t = useCasesT();
  const lang = useLang();
  const { me } = useAuth();
  const prefill = usePrefill();
  usePageTitle(t('supplies.title'));
  const items = useAsync((signal) => servicesApi.items(signal), []);
  const stock = useAsync((signal) => servicesApi.stock(signal), []);
  const orgs = useOrganizations();
  const [message, setMessage] = useState<string | null>(null);
  const [person, setPerson] = useState<PersonHit | null>(prefill.person);
  const [tick, setTick] = useState(0);
  const [preset, setPreset] = useState<{ itemCode: string; orgId: string; n: number } | null>(null);
  const receiveRef = useRef<HTMLDivElement>(null);

  if (!me) return null;
  const acting = actingOrgIds(me);
  const staff = acting.length > 0;
  const itemList = items.data ?? [];
  const stockRows = stock.data ?? [];
  const orgIds = [...new Set([...acting, ...stockRows.map((s) => s.orgId)])];
  const showOrg = orgIds.length > 1;

  function said(m: string) {
    setMessage(m);
    stock.reload();
  }

  const loadError = items.error ?? stock.error;
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('supplies.title')}</h1>
        <p className="muted">{t('supplies.intro')}</p>
      </header>
      <ServiceTabs />
      <div aria-live="polite">{message ? <Notice>{message}</Notice> : null}</div>

      <section aria-labelledby="stock-title">
        <h2 id="stock-title">{t('supplies.stock')}</h2>
        {loadError ? (
          <ErrorBox
            error={loadError}
            onRetry={() => {
              items.reload();
              stock.reload();
            }}
          />
        ) : !items.data || !stock.data ? (
          <Loading />
        ) : (
          <div className="table-scroll">
            <table className={`table stock-table${showOrg ? ' responsive' : ''}`} data-testid="stock">
              <thead>
                <tr>
                  <th scope="col">{t('supplies.item')}</th>
                  {showOrg ? <th scope="col">{t('supplies.org')}</th> : null}
                  <th scope="col" className="qty">
                    {t('supplies.inStock')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {orgIds.flatMap((org) =>
                  itemList.map((it) => {
                    const q = quantityOf(stockRows, org, it.code);
                    return (
                      <tr key={`${org}|${it.code}`} data-item={it.code}>
                        <td className="cell-title">{localName(it, lang)}</td>
                        {showOrg ? <td>{orgLabel(orgs.byId, org, lang, t('common.unknownOrg'))}</td> : null}
                        <td className={`qty${q === 0 ? ' stock-low' : ''}`} data-testid="stock-quantity">
                          {q} {lang === 'en' ? it.unitEn : it.unitTh}
                        </td>
                      </tr>
                    );
                  }),
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {items.data ? (
        <div className="supplies-forms">
          {staff ? (
            <div ref={receiveRef}>
              <ReceiveForm key={preset?.n ?? 0} me={me} items={itemList} preset={preset} onDone={said} />
            </div>
          ) : null}
          <RequestForm
            me={me}
            items={itemList}
            initialPerson={prefill.person}
            caseId={prefill.caseId}
            onDone={(m, p) => {
              setMessage(m);
              setPerson(p);
              setTick((n) => n + 1);
            }}
          />
        </div>
      ) : null}

      <section className="card form-card" aria-labelledby="requests-title">
        <h2 id="requests-title">{t('supplies.requests')}</h2>
        <p className="muted">{t('supplies.requestsIntro')}</p>
        <PersonPicker value={person} onChange={setPerson} />
        {person && items.data ? (
          <PersonSupplies
            person={person}
            items={itemList}
            stock={stockRows}
            orgs={orgs.byId}
            staff={staff}
            tick={tick}
            onHandedOver={said}
            onShort={(r) => {
              setPreset((old) => ({ itemCode: r.itemCode, orgId: r.orgId, n: (old?.n ?? 0) + 1 }));
              requestAnimationFrame(() => receiveRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
            }}
          />
        ) : null}
      </section>
    </div>
  );
}
