import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router-dom';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../shared/auth';
import { describeError } from '../shared/errors';
import { PageLoading } from '../shared/ui/PageLoading';
import { mayOpen } from './access';
import { appRoutes, type AppRoute } from './routes';

const LoginPage = lazy(() => import('./LoginPage'));
const AppShell = lazy(() => import('./AppShell'));
const NotFoundPage = lazy(() => import('./NotFoundPage'));
const ForbiddenPage = lazy(() => import('./ForbiddenPage'));

/** Where the login page sends the user afterwards: the page they were trying to open. */
export interface LoginLocationState {
  from?: string;
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { state, retry } = useAuth();
  const { t } = useTranslation();
  const location = useLocation();
  if (state.status === 'loading') return <PageLoading fullscreen />;
  if (state.status === 'unreachable') {
    return (
      <Result
        status="warning"
        title={t('errors.title')}
        subTitle={describeError(state.error, t)}
        extra={
          <Button type="primary" onClick={retry}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (state.status === 'anonymous') {
    // After a log-out whoever signs in next starts at their own home.
    if (state.loggedOut) return <Navigate to="/login" replace />;
    const from = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to="/login" replace state={{ from } satisfies LoginLocationState} />;
  }
  return children;
}

/** A route with `roles` mounts its page only for those roles; anyone else gets 403. */
function RequireRoles({ route, children }: { route: AppRoute; children: ReactNode }) {
  const { user } = useAuth();
  if (!mayOpen(route, user?.roles)) return <ForbiddenPage roles={route.roles ?? []} />;
  return children;
}

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<PageLoading fullscreen />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Suspense fallback={<PageLoading fullscreen />}>
          <AppShell>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </AppShell>
        </Suspense>
      </RequireAuth>
    ),
    children: [
      ...appRoutes.map((route) => {
        const Page = route.page;
        const element = (
          <RequireRoles route={route}>
            <Page />
          </RequireRoles>
        );
        return route.path === '' ? { index: true, element } : { path: route.path, element };
      }),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
