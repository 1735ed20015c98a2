import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { createBrowserRouter, Link, Navigate, Outlet, RouterProvider, useLocation, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AuthProvider, useAuth } from './auth/AuthContext.js';
import { LoginPage } from './auth/LoginPage.js';
import { HomePage } from './home/HomePage.js';
import { AreaPage, AreasIndexPage } from './areas/AreasPage.js';
import { OrganizationsPage } from './organizations/OrganizationsPage.js';
import { UsersPage } from './users/UsersPage.js';
import { AuditPage } from './audit/AuditPage.js';
import { Shell } from './components/Shell.js';
import { ErrorBox, Loading, usePageTitle } from './components/ui.js';
import type { Permissions } from './api.js';
import { startSync } from './forms/store/sync.js';

// The forms part (filler, expression engine, submissions) loads on first use;
// the service worker keeps every part for offline use.
const forms = () => import('./forms/pages.js');
const FormsPage = lazy(() => forms().then((m) => ({ default: m.FormsPage })));
const FillPage = lazy(() => forms().then((m) => ({ default: m.FillPage })));
const OutboxPage = lazy(() => forms().then((m) => ({ default: m.OutboxPage })));
const ManageFormPage = lazy(() => forms().then((m) => ({ default: m.ManageFormPage })));
const SubmissionsPage = lazy(() => forms().then((m) => ({ default: m.SubmissionsPage })));
const SubmissionPage = lazy(() => forms().then((m) => ({ default: m.SubmissionPage })));
const ImportPage = lazy(() => forms().then((m) => ({ default: m.ImportPage })));

// The registry and targeting parts load on first use too.
const registry = () => import('./registry/pages.js');
const RegistrySearchPage = lazy(() => registry().then((m) => ({ default: m.SearchPage })));
const PersonPage = lazy(() => registry().then((m) => ({ default: m.PersonPage })));
const HouseholdPage = lazy(() => registry().then((m) => ({ default: m.HouseholdPage })));
const DuplicatesPage = lazy(() => registry().then((m) => ({ default: m.DuplicatesPage })));
const RegistryImportPage = lazy(() => registry().then((m) => ({ default: m.ImportPage })));
const targeting = () => import('./targeting/pages.js');
const IndicatorsPage = lazy(() => targeting().then((m) => ({ default: m.IndicatorsPage })));
const IndicatorEditorPage = lazy(() => targeting().then((m) => ({ default: m.IndicatorEditorPage })));
const MembersPage = lazy(() => targeting().then((m) => ({ default: m.MembersPage })));
const TargetingListPage = lazy(() => targeting().then((m) => ({ default: m.TargetingListPage })));
const DashboardIndexPage = lazy(() => targeting().then((m) => ({ default: m.DashboardIndexPage })));
const DashboardPage = lazy(() => targeting().then((m) => ({ default: m.DashboardPage })));
const PublicIndexPage = lazy(() => targeting().then((m) => ({ default: m.PublicIndexPage })));
const PublicDashboardPage = lazy(() => targeting().then((m) => ({ default: m.PublicDashboardPage })));
// Cases, referrals and the care services (transport, home care, supplies) too.
const cases = () => import('./cases/pages.js');
const QueuesPage = lazy(() => cases().then((m) => ({ default: m.QueuesPage })));
const CasePage = lazy(() => cases().then((m) => ({ default: m.CasePage })));
const ServicesPage = lazy(() => cases().then((m) => ({ default: m.ServicesPage })));
const TransportPage = lazy(() => cases().then((m) => ({ default: m.TransportPage })));
const DriverPage = lazy(() => cases().then((m) => ({ default: m.DriverPage })));
const HomecarePage = lazy(() => cases().then((m) => ({ default: m.HomecarePage })));
const SuppliesPage = lazy(() => cases().then((m) => ({ default: m.SuppliesPage })));

/** Waits for the session check; a failed check offers a retry. */
function Boot({ children }: { children: ReactNode }) {
  const { state, reload } = useAuth();
  const { t } = useTranslation();
  if (state.status === 'loading') {
    return (
      <Shell>
        <Loading />
      </Shell>
    );
  }
  if (state.status === 'error') {
    return (
      <Shell>
        <div className="page">
          <ErrorBox error={state.error}>
            <button type="button" className="button" onClick={reload}>
              {t('common.retry')}
            </button>
          </ErrorBox>
        </div>
      </Shell>
    );
  }
  return <>{children}</>;
}

function SignedInLayout() {
  const { me } = useAuth();
  const location = useLocation();
  const userId = me?.id;
  // The outbox is sent in the background while someone is signed in.
  useEffect(() => (userId ? startSync(userId) : undefined), [userId]);
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return (
    <Shell>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </Shell>
  );
}

function PublicLayout() {
  const { me } = useAuth();
  if (me) return <Navigate to="/" replace />;
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

/** Pages open to everyone, signed in or not (the public figures). */
function OpenLayout() {
  return (
    <Shell>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </Shell>
  );
}

function Forbidden() {
  const { t } = useTranslation();
  usePageTitle(t('app.forbiddenTitle'));
  return (
    <div className="page">
      <h1>{t('app.forbiddenTitle')}</h1>
      <p>{t('app.forbiddenText')}</p>
      <p>
        <Link to="/">{t('app.backHome')}</Link>
      </p>
    </div>
  );
}

function NotFound() {
  const { t } = useTranslation();
  usePageTitle(t('app.notFoundTitle'));
  return (
    <div className="page">
      <h1>{t('app.notFoundTitle')}</h1>
      <p>{t('app.notFoundText')}</p>
      <p>
        <Link to="/">{t('app.backHome')}</Link>
      </p>
    </div>
  );
}

/** A page that failed to render: said in the reader's language, with a way out; the top bar stays. */
function PageError() {
  const error = useRouteError();
  const { t } = useTranslation();
  usePageTitle(t('app.errorTitle'));
  console.error(error);
  return (
    <div className="page">
      <h1>{t('app.errorTitle')}</h1>
      <p>{t('app.errorText')}</p>
      <p className="muted small">{error instanceof Error ? error.message : String(error)}</p>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          {t('app.reload')}
        </button>
        <Link className="button" to="/">
          {t('app.backHome')}
        </Link>
      </div>
    </div>
  );
}

function Require({ permission, children }: { permission: keyof Permissions; children: ReactNode }) {
  const { me } = useAuth();
  if (!me?.permissions[permission]) return <Forbidden />;
  return <>{children}</>;
}

const router = createBrowserRouter([
  {
    element: (
      <Boot>
        <Outlet />
      </Boot>
    ),
    children: [
      {
        element: <PublicLayout />,
        children: [{ path: '/login', element: <LoginPage /> }],
      },
      {
        element: <OpenLayout />,
        errorElement: <PageError />,
        children: [
          { path: '/public', element: <PublicIndexPage /> },
          { path: '/public/:code', element: <PublicDashboardPage /> },
        ],
      },
      {
        element: <SignedInLayout />,
        children: [
          {
            errorElement: <PageError />,
            children: [
              { path: '/', element: <HomePage /> },
              { path: '/areas', element: <AreasIndexPage /> },
              { path: '/areas/:code', element: <AreaPage /> },
              { path: '/forms', element: <FormsPage /> },
              { path: '/forms/:formId/fill', element: <FillPage /> },
              { path: '/forms/:formId/submissions', element: <SubmissionsPage /> },
              { path: '/forms/:formId/submissions/:instanceId', element: <SubmissionPage /> },
              { path: '/forms/:formId/manage', element: <ManageFormPage /> },
              { path: '/forms/:formId/import', element: <ImportPage /> },
              { path: '/outbox', element: <OutboxPage /> },
              { path: '/registry', element: <RegistrySearchPage /> },
              { path: '/registry/people/:id', element: <PersonPage /> },
              { path: '/registry/households/:id', element: <HouseholdPage /> },
              { path: '/duplicates', element: <DuplicatesPage /> },
              { path: '/registry/import', element: <RegistryImportPage /> },
              { path: '/targeting', element: <IndicatorsPage /> },
              { path: '/targeting/list', element: <TargetingListPage /> },
              { path: '/targeting/indicators/new', element: <IndicatorEditorPage /> },
              { path: '/targeting/indicators/:code', element: <MembersPage /> },
              { path: '/targeting/indicators/:code/edit', element: <IndicatorEditorPage /> },
              { path: '/dashboard', element: <DashboardIndexPage /> },
              { path: '/dashboard/:code', element: <DashboardPage /> },
              { path: '/cases', element: <QueuesPage /> },
              { path: '/cases/:id', element: <CasePage /> },
              { path: '/services', element: <ServicesPage /> },
              { path: '/transport', element: <TransportPage /> },
              { path: '/transport/driver', element: <DriverPage /> },
              { path: '/homecare', element: <HomecarePage /> },
              { path: '/supplies', element: <SuppliesPage /> },
              {
                path: '/admin/organizations',
                element: (
                  <Require permission="manageOrganizations">
                    <OrganizationsPage />
                  </Require>
                ),
              },
              {
                path: '/admin/users',
                element: (
                  <Require permission="manageUsers">
                    <UsersPage />
                  </Require>
                ),
              },
              {
                path: '/admin/audit',
                element: (
                  <Require permission="readAudit">
                    <AuditPage />
                  </Require>
                ),
              },
              { path: '*', element: <NotFound /> },
            ],
          },
        ],
      },
    ],
  },
]);

export function App() {
  return (
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>
  );
}
