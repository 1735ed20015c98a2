import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { NavLink, Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.js';
import type { Me, Permissions } from '../api.js';
import { useLang } from '../lib/lang.js';
import type { Lang } from '../lib/dates.js';
import type { Messages } from '../i18n/index.js';
import { OutboxIndicator } from '../forms/OutboxIndicator.js';
import { NotificationBell } from '../cases/NotificationBell.js';
import { canManageRegistry } from '../registry/api.js';

export interface Section {
  to: string;
  label: keyof Messages['nav'];
  text?: keyof Messages['home'];
  permission?: keyof Permissions;
  /** Who may use it, when no permission says so. */
  show?: (me: Me) => boolean;
  /** Kept behind "more" in the wide navigation bar, so the bar stays one row. */
  more?: boolean;
}

/** The sections of the app and who may use them. */
export const SECTIONS: Section[] = [
  { to: '/', label: 'home' },
  { to: '/forms', label: 'forms', text: 'formsText' },
  { to: '/cases', label: 'cases', text: 'casesText' },
  { to: '/registry', label: 'registry', text: 'registryText' },
  { to: '/duplicates', label: 'duplicates', text: 'duplicatesText', show: canManageRegistry, more: true },
  { to: '/targeting', label: 'targeting', text: 'targetingText' },
  { to: '/dashboard', label: 'dashboard', text: 'dashboardText' },
  { to: '/areas', label: 'areas', text: 'areasText', more: true },
  { to: '/admin/organizations', label: 'organizations', text: 'organizationsText', permission: 'manageOrganizations', more: true },
  { to: '/admin/users', label: 'users', text: 'usersText', permission: 'manageUsers', more: true },
  { to: '/admin/audit', label: 'audit', text: 'auditText', permission: 'readAudit', more: true },
];

export function allowedSections(me: Me): Section[] {
  return SECTIONS.filter((s) => (!s.permission || me.permissions[s.permission]) && (!s.show || s.show(me)));
}

export function LanguageSwitch() {
  const { t } = useTranslation();
  const lang = useLang();
  const { setLanguage } = useAuth();
  const choose = (l: Lang) => {
    if (l !== lang) void setLanguage(l);
  };
  return (
    <div className="lang-switch" role="group" aria-label={t('app.language')}>
      <button type="button" lang="th" aria-pressed={lang === 'th'} onClick={() => choose('th')}>
        {t('lang.th')}
      </button>
      <button type="button" lang="en" aria-pressed={lang === 'en'} onClick={() => choose('en')}>
        {t('lang.en')}
      </button>
    </div>
  );
}

function useDismiss(open: boolean, close: () => void, ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    const onPointer = (e: PointerEvent) => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, close, ref]);
}

function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { logout } = useAuth();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(() => setOpen(false)).current;
  useDismiss(open, close, ref);
  const initial = (me.displayName.trim()[0] ?? me.email[0] ?? '?').toUpperCase();
  return (
    <div className="user-menu" ref={ref}>
      <button
        type="button"
        className="user-button"
        aria-expanded={open}
        aria-controls="user-menu-panel"
        aria-label={`${t('app.userMenu')}: ${me.displayName}`}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">
          {initial}
        </span>
        <span className="user-name">{me.displayName}</span>
      </button>
      {open ? (
        <div className="user-panel" id="user-menu-panel">
          <p className="muted small">{t('app.signedInAs')}</p>
          <p className="user-panel-name">{me.displayName}</p>
          <p className="muted small user-panel-email">{me.email}</p>
          <button
            type="button"
            className="button button-block"
            onClick={() => {
              setOpen(false);
              void logout();
            }}
          >
            {t('app.logout')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/**
 * The sections kept behind "more": a disclosure button and its list on wide
 * screens; in the phone menu the list is simply part of the menu.
 */
function MoreSections({ sections, onChoose }: { sections: Section[]; onChoose: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLLIElement>(null);
  const close = useRef(() => setOpen(false)).current;
  useDismiss(open, close, ref);
  useEffect(() => setOpen(false), [location.pathname]);
  const current = sections.some((s) => location.pathname === s.to || location.pathname.startsWith(`${s.to}/`));
  return (
    <li className="nav-more" ref={ref}>
      <button
        type="button"
        className={`nav-more-toggle${current ? ' active' : ''}`}
        aria-expanded={open}
        aria-controls="nav-more-list"
        onClick={() => setOpen((o) => !o)}
      >
        {t('nav.more')}
        <span className="nav-more-caret" aria-hidden="true" />
      </button>
      <ul id="nav-more-list" className={open ? 'open' : undefined}>
        {sections.map((s) => (
          <li key={s.to}>
            <NavLink
              to={s.to}
              onClick={() => {
                setOpen(false);
                onChoose();
              }}
            >
              {t(`nav.${s.label}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** The page frame: top bar (brand, navigation, language, user menu) and main. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const location = useLocation();
  const [navOpen, setNavOpen] = useState(false);
  const navRef = useRef<HTMLDivElement>(null);
  const closeNav = useRef(() => setNavOpen(false)).current;
  useDismiss(navOpen, closeNav, navRef);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // a new page: close the phone menu and move focus to the content
  useEffect(() => {
    setNavOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  const sections = me ? allowedSections(me) : [];
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar-inner" ref={navRef}>
          {me ? (
            <button
              type="button"
              className="menu-toggle"
              aria-expanded={navOpen}
              aria-controls="main-nav"
              aria-label={navOpen ? t('app.closeMenu') : t('app.menu')}
              onClick={() => setNavOpen((o) => !o)}
            >
              <span className="menu-icon" aria-hidden="true" />
            </button>
          ) : null}
          <Link to="/" className="brand">
            <img src="/icon.svg" alt="" width="28" height="28" />
            <span lang="th">ร่วมใจ</span>
            {lang === 'en' ? <span className="brand-latin">Ruamjai</span> : null}
          </Link>
          {me ? (
            <nav id="main-nav" className={`main-nav${navOpen ? ' open' : ''}`} aria-label={t('app.mainNav')}>
              <ul>
                {sections
                  .filter((s) => !s.more)
                  .map((s) => (
                    <li key={s.to}>
                      <NavLink to={s.to} end={s.to === '/'} onClick={() => setNavOpen(false)}>
                        {t(`nav.${s.label}`)}
                      </NavLink>
                    </li>
                  ))}
                {sections.some((s) => s.more) ? <MoreSections sections={sections.filter((s) => s.more)} onChoose={closeNav} /> : null}
              </ul>
            </nav>
          ) : null}
          <div className="topbar-tools">
            {me ? <OutboxIndicator userId={me.id} /> : null}
            {me ? <NotificationBell /> : null}
            <LanguageSwitch />
            {me ? <UserMenu me={me} /> : null}
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
