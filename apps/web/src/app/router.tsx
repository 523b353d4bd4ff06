import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router-dom';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../shared/auth';
import { describeError } from '../shared/errors';
import { PageLoading } from '../shared/ui/PageLoading';
import { appRoutes } from './routes';

const LoginPage = lazy(() => import('./LoginPage'));
const AppShell = lazy(() => import('./AppShell'));
const NotFoundPage = lazy(() => import('./NotFoundPage'));

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
    const from = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to="/login" replace state={{ from } satisfies LoginLocationState} />;
  }
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
      ...appRoutes.map(({ path, page: Page }) =>
        path === '' ? { index: true, element: <Page /> } : { path, element: <Page /> },
      ),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
