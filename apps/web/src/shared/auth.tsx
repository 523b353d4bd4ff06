// Who is signed in. The token lives in localStorage (api.ts); the user is fetched
// from /api/me on boot so a reload keeps the session and a revoked token ends it.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { api, ApiError, onUnauthorized, tokenStore } from './api';
import type { User } from '@baton/contracts';

export type AuthState =
  | { status: 'loading' }
  /** `loggedOut`: by the user's own click (not an expired token): nothing to come back to. */
  | { status: 'anonymous'; loggedOut?: boolean }
  | { status: 'authenticated'; user: User }
  /** The API could not be reached: keep the token and let the user retry. */
  | { status: 'unreachable'; error: unknown };

interface AuthContextValue {
  state: AuthState;
  user: User | null;
  login(username: string, password: string): Promise<User>;
  logout(): void;
  retry(): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>(() =>
    tokenStore.get() ? { status: 'loading' } : { status: 'anonymous' },
  );
  const [attempt, setAttempt] = useState(0);

  useEffect(() => onUnauthorized(() => setState({ status: 'anonymous' })), []);

  useEffect(() => {
    if (!tokenStore.get()) return;
    const controller = new AbortController();
    api
      .me(controller.signal)
      .then((user) => setState({ status: 'authenticated', user }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          tokenStore.clear();
          setState({ status: 'anonymous' });
        } else {
          setState({ status: 'unreachable', error });
        }
      });
    return () => controller.abort();
  }, [attempt]);

  const login = useCallback(async (username: string, password: string) => {
    const { accessToken, user } = await api.login(username, password);
    tokenStore.set(accessToken);
    setState({ status: 'authenticated', user });
    return user;
  }, []);

  const logout = useCallback(() => {
    // docs/API.md has no logout call: forgetting the token is the logout.
    tokenStore.clear();
    setState({ status: 'anonymous', loggedOut: true });
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({
      state,
      user: state.status === 'authenticated' ? state.user : null,
      login,
      logout,
      retry,
    }),
    [state, login, logout, retry],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
