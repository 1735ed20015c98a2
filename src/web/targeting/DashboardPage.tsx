import { Link, Navigate, useParams } from 'react-router';
import { useAuth } from '../auth/AuthContext.js';
import { useTargetingT } from '../i18n/scoped.js';
import { homeArea } from './common.js';
import { DashboardView } from './DashboardView.js';

/** /dashboard: the dashboard of the user's widest area. */
export function DashboardIndexPage() {
  const { me } = useAuth();
  return <Navigate to={`/dashboard/${encodeURIComponent(homeArea(me))}`} replace />;
}

/** /dashboard/:code: an area's figures for members. */
export function DashboardPage() {
  const { code = 'TH' } = useParams();
  return <DashboardView key={code} code={code} mode="member" />;
}

/** /public: the public figures start at the whole country. */
export function PublicIndexPage() {
  return <Navigate to="/public/TH" replace />;
}

/** /public/:code: an area's public figures, without login (counts under 5 withheld). */
export function PublicDashboardPage() {
  const { code = 'TH' } = useParams();
  const tt = useTargetingT();
  const { me } = useAuth();
  return (
    <>
      <DashboardView key={code} code={code} mode="public" />
      {me ? null : (
        <p className="page public-foot">
          <Link to="/login">{tt('public.signIn')}</Link>
        </p>
      )}
    </>
  );
}
