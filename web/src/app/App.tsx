import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { SignInPage } from '../auth/SignInPage';
import { HomePage } from '../home/HomePage';
import { ApiError, NetworkError } from './api';
import { I18nProvider, useT } from './i18n';
import { NotFoundPage } from './NotFoundPage';
import { Loading } from './page';
import { ProblemAlert } from './problems';
import { ScreenError } from './ScreenError';
import { SessionProvider, useSession } from './session';
import { Shell } from './Shell';

// Screens most people open rarely load on demand, keeping the first screen small.
const ProfilePage = lazy(() => import('../profile/ProfilePage'));
const EnrolPage = lazy(() => import('../auth/EnrolPage'));
const LogConcernPage = lazy(() => import('../concerns/LogConcernPage'));
const MyConcernsPage = lazy(() => import('../concerns/MyConcernsPage'));
const ConcernPage = lazy(() => import('../concerns/ConcernPage'));
const IntakePage = lazy(() => import('../intake/IntakePage'));
const NotificationsPage = lazy(() => import('../notifications/NotificationsPage'));
const MeetingsPage = lazy(() => import('../meetings/MeetingsPage'));
const MeetingPage = lazy(() => import('../meetings/MeetingPage'));
const RunMeetingPage = lazy(() => import('../meetings/RunMeetingPage'));
const SeriesPage = lazy(() => import('../meetings/SeriesPage'));
const NewReferralPage = lazy(() => import('../referrals/NewReferralPage'));
const ReferralPage = lazy(() => import('../referrals/ReferralPage'));
const ReferralBoardPage = lazy(() =>
  import('../referrals/ReferralsPage').then((m) => ({ default: m.ReferralBoardPage })),
);
const ReferralInboxPage = lazy(() =>
  import('../referrals/ReferralsPage').then((m) => ({ default: m.ReferralInboxPage })),
);
const ConsentsPage = lazy(() => import('../consents/ConsentsPage'));
const FollowUpsPage = lazy(() => import('../follow-ups/FollowUpsPage'));
const PrivacyPage = lazy(() => import('../privacy/PrivacyPage'));
const SubjectPrivacyPage = lazy(() => import('../privacy/SubjectPrivacyPage'));
const RetentionPage = lazy(() => import('../privacy/RetentionPage'));
const audit = () => import('../audit/AuditPages');
const AuditEventsPage = lazy(() => audit().then((m) => ({ default: m.AuditEventsPage })));
const WhoHasSeenPage = lazy(() => audit().then((m) => ({ default: m.WhoHasSeenPage })));
const FlagsPage = lazy(() => audit().then((m) => ({ default: m.FlagsPage })));
const BreakGlassReviewsPage = lazy(() => audit().then((m) => ({ default: m.BreakGlassReviewsPage })));
const ChainPage = lazy(() => import('../audit/ChainPage').then((m) => ({ default: m.ChainPage })));
const AuditExportsPage = lazy(() => import('../audit/ExportPages').then((m) => ({ default: m.AuditExportsPage })));
const admin = () => import('../admin/AdminPages');
const UsersPage = lazy(() => admin().then((m) => ({ default: m.UsersPage })));
const AgenciesPage = lazy(() => admin().then((m) => ({ default: m.AgenciesPage })));
const DistrictsPage = lazy(() => admin().then((m) => ({ default: m.DistrictsPage })));

/** A screen loaded on demand, with the spinner while it loads. */
const later = (element: ReactNode) => <Suspense fallback={<Loading />}>{element}</Suspense>;

// networkMode 'always': offline, a request fails at once and the screen says so, rather than waiting unseen.
const queryClient = new QueryClient({
  defaultOptions: {
    mutations: { networkMode: 'always' },
    queries: {
      networkMode: 'always',
      // A refused or missing record will not appear by asking again; a lost connection may come back.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
      staleTime: 30_000,
    },
  },
});

/** Where one goes back to after signing in again: the page they were on. */
export interface SignInState {
  from?: string;
  reason?: 'none' | 'expired' | 'signed-out';
}

function RequireSession() {
  const { state, restore } = useSession();
  const location = useLocation();
  const t = useT();
  if (state.status === 'restoring') {
    return (
      <main id="main" className="centred" aria-busy="true">
        <p>{t('app.restoring')}</p>
        <Loading />
      </main>
    );
  }
  if (state.status === 'unreachable') {
    return (
      <main id="main" className="centred">
        <ProblemAlert error={new NetworkError()} onRetry={() => void restore()} />
      </main>
    );
  }
  if (state.status === 'signed-out') {
    const signInState: SignInState = {
      reason: state.reason,
      ...(state.reason === 'signed-out' ? {} : { from: `${location.pathname}${location.search}${location.hash}` }),
    };
    return <Navigate to="/sign-in" replace state={signInState} />;
  }
  if (state.me.secondFactorRequired && location.pathname !== '/enrol') return <Navigate to="/enrol" replace />;
  return <Outlet />;
}

const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <Shell />,
        children: [
          // A screen that cannot load or fails says so inside the shell, in the reader's language.
          { errorElement: <ScreenError />, children: screens() },
        ],
      },
    ],
  },
]);

function screens() {
  return [
    { index: true, element: <HomePage /> },
    {
      path: 'profile',
      element: (
        <Suspense fallback={<Loading />}>
          <ProfilePage />
        </Suspense>
      ),
    },
    {
      path: 'enrol',
      element: (
        <Suspense fallback={<Loading />}>
          <EnrolPage />
        </Suspense>
      ),
    },
    { path: 'concerns/new', element: later(<LogConcernPage />) },
    { path: 'concerns/mine', element: later(<MyConcernsPage />) },
    { path: 'concerns/:id', element: later(<ConcernPage />) },
    { path: 'intake', element: later(<IntakePage />) },
    { path: 'notifications', element: later(<NotificationsPage />) },
    { path: 'meetings', element: later(<MeetingsPage />) },
    { path: 'meetings/:id', element: later(<MeetingPage />) },
    { path: 'meetings/:id/run', element: later(<RunMeetingPage />) },
    { path: 'forum-series/:id', element: later(<SeriesPage />) },
    { path: 'concerns/:id/refer', element: later(<NewReferralPage />) },
    { path: 'referrals', element: later(<ReferralBoardPage />) },
    { path: 'referrals/:id', element: later(<ReferralPage />) },
    { path: 'inbox', element: later(<ReferralInboxPage />) },
    { path: 'subjects/:id/consents', element: later(<ConsentsPage />) },
    { path: 'follow-ups', element: later(<FollowUpsPage />) },
    { path: 'privacy', element: later(<PrivacyPage />) },
    { path: 'subjects/:id/privacy', element: later(<SubjectPrivacyPage />) },
    { path: 'retention', element: later(<RetentionPage />) },
    { path: 'audit', element: later(<AuditEventsPage />) },
    { path: 'audit/subject', element: later(<WhoHasSeenPage />) },
    { path: 'audit/flags', element: later(<FlagsPage />) },
    { path: 'audit/break-glass', element: later(<BreakGlassReviewsPage />) },
    { path: 'audit/chain', element: later(<ChainPage />) },
    { path: 'audit/exports', element: later(<AuditExportsPage />) },
    { path: 'admin/users', element: later(<UsersPage />) },
    { path: 'admin/agencies', element: later(<AgenciesPage />) },
    { path: 'admin/districts', element: later(<DistrictsPage />) },
    { path: '*', element: <NotFoundPage /> },
  ];
}

export function App() {
  return (
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </I18nProvider>
      </QueryClientProvider>
    </StrictMode>
  );
}
