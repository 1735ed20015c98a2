import type { ReactNode } from 'react';
import { createBrowserRouter, Link, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
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
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return (
    <Shell>
      <Outlet />
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
        element: <SignedInLayout />,
        children: [
          { path: '/', element: <HomePage /> },
          { path: '/areas', element: <AreasIndexPage /> },
          { path: '/areas/:code', element: <AreaPage /> },
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
]);

export function App() {
  return (
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>
  );
}
