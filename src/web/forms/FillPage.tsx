/**
 * The form filler page: /forms/:formId/fill (a new form), ?draft=<id> (a
 * draft on this device), ?edit=<instanceId> (a new version of a received
 * submission). The draft is saved on the device as the volunteer types
 * (within half a second, and when the page is hidden or closed); Finish
 * checks every answer, then moves the form to the outbox.
 */
import { startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.js';
import { ErrorBox, Loading, Notice, usePageTitle } from '../components/ui.js';
import { formatDate } from '../lib/dates.js';
import { useLang } from '../lib/lang.js';
import { indexedPathOf } from '../../lib/xpath/index.js';
import type { Me } from '../api.js';
import { formsApi } from './api.js';
import { FormSession, type Issue, type SessionEnv } from './engine/session.js';
import { pickFormLanguage } from './engine/language.js';
import { instanceToXml, xmlToElement } from './engine/xml.js';
import { FillerContext, domId, type FillerEnv } from './filler/context.js';
import { NodeList, issueText } from './filler/FormView.js';
import { deleteDraft, enqueue, getDraft, getFile, listDrafts, notify, pruneFiles, requestPersistence, saveDraft, type Draft } from './store/db.js';
import { NotOnDeviceError, currentDefinition, definitionVersion } from './store/definitions.js';
import { deviceId, newUuid } from './store/device.js';
import { syncNow } from './store/sync.js';

interface Loaded {
  session: FormSession;
  draftId: string;
  formId: string;
  version: string;
  title: string;
  deprecatedId: string | null;
  createdAt: number;
  fromDevice: boolean;
  /** Already stored on the device (a draft or an edit); a new form is stored at its first answer. */
  stored: boolean;
}

type PageState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; loaded: Loaded }
  | { status: 'finished'; title: string; instanceName: string; formId: string; edit: boolean };

function sessionEnv(me: Me): SessionEnv {
  return { uuid: newUuid, deviceId: deviceId(), username: me.email, email: me.email };
}

async function load(me: Me, formId: string, draftId: string | null, editOf: string | null, uiLang: string): Promise<Loaded> {
  const env = sessionEnv(me);
  if (draftId) {
    const draft = await getDraft(draftId);
    if (!draft || draft.userId !== me.id) throw new DraftMissingError();
    const def = await definitionVersion(draft.formId, draft.version);
    const session = FormSession.fromSnapshot(def.definition, env, pickFormLanguage(def.definition, uiLang), draft.snapshot);
    return { session, draftId, formId: draft.formId, version: draft.version, title: draft.title, deprecatedId: draft.deprecatedId, createdAt: draft.createdAt, fromDevice: def.fromDevice, stored: true };
  }
  if (editOf) {
    // An edit of this submission already started on this device: continue it.
    const existing = (await listDrafts(me.id)).find((d) => d.formId === formId && d.deprecatedId === editOf);
    if (existing) return load(me, formId, existing.id, null, uiLang);
    const row = await formsApi.submission(formId, editOf);
    const def = await definitionVersion(formId, row.formVersion);
    const session = FormSession.fromElement(def.definition, env, pickFormLanguage(def.definition, uiLang), xmlToElement(row.xml));
    session.markAsEditOf(row.instanceId);
    return { session, draftId: newUuid(), formId, version: def.version, title: def.definition.title, deprecatedId: row.instanceId, createdAt: Date.now(), fromDevice: false, stored: false };
  }
  const def = await currentDefinition(formId);
  const session = FormSession.create(def.definition, env, pickFormLanguage(def.definition, uiLang));
  return { session, draftId: newUuid(), formId, version: def.version, title: def.definition.title, deprecatedId: null, createdAt: Date.now(), fromDevice: def.fromDevice, stored: false };
}

class DraftMissingError extends Error {
  constructor() {
    super('draft missing');
    this.name = 'DraftMissingError';
  }
}

function focusIssue(issue: Issue): void {
  const id = domId(indexedPathOf(issue.node));
  const block = document.getElementById(`${id}-block`);
  block?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const el = document.getElementById(id);
  const target = el?.matches('input, select, textarea') ? el : el?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea, summary, button');
  target?.focus({ preventScroll: true });
}

export function FillPage() {
  const { formId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const draftParam = params.get('draft');
  const editParam = params.get('edit');
  /** Changes for "fill another": a new load even when the URL had no draft yet. */
  const newParam = params.get('new');
  const { me } = useAuth();
  const { t } = useTranslation();
  const uiLang = useLang();
  const [state, setState] = useState<PageState>({ status: 'loading' });
  /** The draft this page shows: a URL change to it (after the first save) is not a new load. */
  const activeDraft = useRef<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  const meRef = useRef(me);
  meRef.current = me;
  const userId = me?.id;

  useEffect(() => {
    const who = meRef.current;
    if (!who || !userId) return;
    if (draftParam && draftParam === activeDraft.current) return;
    let cancelled = false;
    setState({ status: 'loading' });
    load(who, formId, draftParam, editParam, uiLang)
      .then((loaded) => {
        if (cancelled) return;
        activeDraft.current = loaded.draftId;
        setState({ status: 'ready', loaded });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ status: 'error', error });
      });
    return () => {
      cancelled = true;
    };
    // uiLang is read once at load; later changes switch the language in place.
  }, [userId, formId, draftParam, editParam, newParam, attempt]);

  const title = state.status === 'ready' ? state.loaded.title : state.status === 'finished' ? state.title : t('filler.title');
  usePageTitle(title);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    const err = state.error;
    return (
      <div className="page page-narrow">
        <p>
          <Link to="/forms">← {t('forms.title')}</Link>
        </p>
        {err instanceof NotOnDeviceError ? (
          <Notice kind="error">{t('filler.notOnDevice')}</Notice>
        ) : err instanceof DraftMissingError ? (
          <Notice kind="error">{t('filler.draftMissing')}</Notice>
        ) : (
          <ErrorBox error={err}>
            <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
              {t('common.retry')}
            </button>
          </ErrorBox>
        )}
      </div>
    );
  }
  if (state.status === 'finished') return <Finished {...state} />;
  return (
    <Filler
      key={state.loaded.draftId}
      loaded={state.loaded}
      me={me as Me}
      onStored={(id) => {
        activeDraft.current = id;
        setParams({ draft: id }, { replace: true });
      }}
      onFinished={(instanceName) => {
        activeDraft.current = null;
        setState({ status: 'finished', title: state.loaded.title, instanceName, formId: state.loaded.formId, edit: state.loaded.deprecatedId !== null });
      }}
    />
  );
}

function Finished({ title, instanceName, formId, edit }: { title: string; instanceName: string; formId: string; edit: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="page page-narrow">
      <div className="card finished" role="status">
        <h1>{edit ? t('filler.finishedEditTitle') : t('filler.finishedTitle')}</h1>
        <p>
          <strong>{title}</strong>
          {instanceName ? ` · ${instanceName}` : ''}
        </p>
        <p>{t('filler.finishedText')}</p>
        <div className="button-row">
          {edit ? null : (
            <button
              type="button"
              className="button button-primary"
              onClick={() => void navigate(`/forms/${encodeURIComponent(formId)}/fill?new=${Date.now().toString(36)}`, { replace: true })}
            >
              {t('filler.fillAnother')}
            </button>
          )}
          <Link className="button" to="/outbox">
            {t('outbox.outbox')}
          </Link>
          <Link className="button" to="/forms">
            {t('forms.title')}
          </Link>
        </div>
      </div>
    </div>
  );
}

function Filler({ loaded, me, onStored, onFinished }: { loaded: Loaded; me: Me; onStored: (draftId: string) => void; onFinished: (instanceName: string) => void }) {
  const { t } = useTranslation();
  const uiLang = useLang();
  const navigate = useNavigate();
  const { session, draftId } = loaded;
  // Re-render on every change of the form; after a keystroke at a lower
  // priority (the text box itself shows what is typed at once).
  const [, setRevision] = useState(session.revision);
  useEffect(
    () =>
      session.subscribe(() => {
        const r = session.revision;
        if (session.typing) startTransition(() => setRevision(r));
        else setRevision(r);
      }),
    [session],
  );
  const [showAll, setShowAll] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(loaded.stored ? Date.now() : null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [finishError, setFinishError] = useState<unknown>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [online, setOnline] = useState(() => navigator.onLine);
  const [formLangChoice, setFormLangChoice] = useState<string | null>(null);

  // ---- language: the form's language follows the app's, unless picked here
  const form = session.form;
  const autoLang = pickFormLanguage(form, uiLang);
  useEffect(() => setFormLangChoice(null), [uiLang]);
  const formLang = formLangChoice && form.languages.includes(formLangChoice) ? formLangChoice : autoLang;
  useLayoutEffect(() => session.setLanguage(formLang), [session, formLang]);

  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);

  // ---- saving the draft on the device
  const closed = useRef(false);
  const stored = useRef(loaded.stored);
  const lastSaved = useRef<string>(JSON.stringify(session.snapshot()));
  const saveNow = useCallback(async () => {
    if (closed.current) return;
    const snapshot = session.snapshot();
    const json = JSON.stringify(snapshot);
    if (json === lastSaved.current) return;
    lastSaved.current = json;
    const draft: Draft = {
      id: draftId,
      userId: me.id,
      formId: loaded.formId,
      version: loaded.version,
      title: loaded.title,
      instanceId: session.instanceId,
      deprecatedId: loaded.deprecatedId,
      instanceName: session.instanceName,
      snapshot,
      createdAt: loaded.createdAt,
      updatedAt: Date.now(),
    };
    try {
      await saveDraft(draft);
      setSavedAt(Date.now());
      setSaveError(null);
      if (!stored.current) {
        stored.current = true;
        requestPersistence();
        onStored(draftId);
      }
      notify();
    } catch (err) {
      lastSaved.current = '';
      setSaveError(err);
    }
  }, [session, draftId, me.id, loaded, onStored]);

  // The latest saveNow, for the listeners below (subscribed once per session).
  const saveRef = useRef(saveNow);
  saveRef.current = saveNow;

  useEffect(() => {
    // An edit is kept on the device at once, so it survives a reload before the first change.
    if (!loaded.stored && loaded.deprecatedId && !stored.current) {
      lastSaved.current = '';
      void saveRef.current();
    }
  }, [loaded]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastRevision = session.revision;
    const unsubscribe = session.subscribe(() => {
      if (session.revision === lastRevision) return;
      lastRevision = session.revision;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void saveRef.current();
      }, 400);
    });
    const flush = () => {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      void saveRef.current();
    };
    const onHidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', flush);
    return () => {
      unsubscribe();
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', flush);
      if (timer) flush();
    };
  }, [session]);

  // ---- finishing
  const revision = session.revision;
  const issues = useMemo(() => (showAll && revision >= 0 ? session.validate() : []), [showAll, session, revision]);
  async function finish() {
    setFinishError(null);
    const found = session.validate();
    if (found.length > 0) {
      setShowAll(true);
      const first = found[0];
      if (first) setTimeout(() => focusIssue(first), 30);
      return;
    }
    setBusy(true);
    try {
      closed.current = true;
      session.stampEnd();
      const xml = instanceToXml(session.root);
      const names = session.attachmentNames();
      const files: string[] = [];
      for (const name of names) if (await getFile(draftId, name)) files.push(name);
      await pruneFiles(draftId, names);
      await enqueue({
        id: draftId,
        userId: me.id,
        formId: loaded.formId,
        version: loaded.version,
        title: loaded.title,
        instanceId: session.instanceId,
        deprecatedId: loaded.deprecatedId,
        instanceName: session.instanceName,
        xml,
        files,
        createdAt: Date.now(),
        attempts: 0,
        nextAttemptAt: 0,
        error: null,
        state: 'pending',
        snapshot: session.snapshot(),
      });
      void syncNow();
      onFinished(session.instanceName);
    } catch (err) {
      closed.current = false;
      setFinishError(err);
      setBusy(false);
    }
  }

  async function discard() {
    closed.current = true;
    await deleteDraft(draftId);
    void navigate('/forms');
  }

  const env = useMemo<FillerEnv>(() => ({ session, draftId, formId: loaded.formId, deprecatedId: loaded.deprecatedId, showAll }), [session, draftId, loaded, showAll]);
  const instanceName = session.instanceName;

  return (
    <FillerContext.Provider value={env}>
      <div className="page filler">
        <header className="filler-head">
          <p className="filler-back">
            <Link to="/forms">← {t('forms.title')}</Link>
          </p>
          <h1>{form.title}</h1>
          <div className="filler-meta small">
            {loaded.deprecatedId ? <span className="badge badge-warn">{t('filler.editing')}</span> : null}
            {instanceName ? <span className="muted">{instanceName}</span> : null}
            <span className="muted">{t('filler.version', { version: loaded.version })}</span>
            {!online ? <span className="badge badge-off">{t('app.offline')}</span> : null}
          </div>
          {new Set([pickFormLanguage(form, 'th'), pickFormLanguage(form, 'en')]).size < form.languages.length ? (
            <label className="form-lang small">
              <span className="muted">{t('filler.formLanguage')}</span>
              <select value={formLang} onChange={(e) => setFormLangChoice(e.target.value)}>
                {form.languages.map((l) => (
                  <option key={l} value={l}>
                    {l === 'default' ? t('filler.defaultLanguage') : l}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </header>

        <div className="filler-body">
          <NodeList parent={session.root} models={form.root.children} depth={0} />
        </div>

        <div className="filler-bar" role="region" aria-label={t('filler.actions')}>
          {showAll && issues.length > 0 ? (
            <div className="filler-issues" role="alert">
              <span>{t('filler.issues', { count: issues.length })}</span>
              <button type="button" className="link-button" onClick={() => issues[0] && focusIssue(issues[0])}>
                {t('filler.goToIssue', { label: session.text(issues[0]?.model.label, issues[0]?.node) || issues[0]?.model.name, message: issues[0] ? issueText(issues[0], t) : '' })}
              </button>
            </div>
          ) : null}
          {finishError ? <ErrorBox error={finishError} /> : null}
          {saveError ? <Notice kind="error">{t('filler.saveFailed')}</Notice> : null}
          <div className="filler-bar-row">
            <span className="save-state small muted" aria-live="polite" data-testid="save-state">
              {savedAt ? t('filler.savedAt', { time: formatDate(savedAt, uiLang).split(/,? /).pop() ?? '' }) : t('filler.notSavedYet')}
            </span>
            <button type="button" className="button button-primary finish-button" disabled={busy} onClick={() => void finish()}>
              {busy ? t('filler.finishing') : t('filler.finish')}
            </button>
          </div>
        </div>

        <div className="filler-foot">
          {confirmDelete ? (
            <div className="notice notice-error" role="alertdialog" aria-label={t('filler.deleteConfirm')}>
              <p>{t('filler.deleteConfirm')}</p>
              <div className="button-row">
                <button type="button" className="button button-small button-danger" onClick={() => void discard()}>
                  {t('filler.deleteYes')}
                </button>
                <button type="button" className="button button-small" onClick={() => setConfirmDelete(false)}>
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <div className="button-row">
              <Link className="button button-small" to="/outbox">
                {t('filler.keepDraft')}
              </Link>
              <button type="button" className="button button-small button-quiet button-danger" onClick={() => setConfirmDelete(true)}>
                {t('filler.deleteDraft')}
              </button>
            </div>
          )}
        </div>
      </div>
    </FillerContext.Provider>
  );
}
