// Who is logged in. The session is an httpOnly cookie; the user record comes from /api/auth/me. A 401
// anywhere sends the user to the login page with the page they were on as `next`.
import { Spin } from 'antd';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { setUnauthorizedHandler } from '../api/client';
import { auth } from '../api/endpoints';
import type { Me } from '../api/types';
import { clearAllDrafts } from '../common/drafts';

interface AuthValue {
  /** undefined while the first /api/auth/me is on its way; null when nobody is logged in. */
  user: Me | null | undefined;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  can: (permission: string) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only inside RequireAuth. */
export function useUser(): Me {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a user');
  return user;
}

/** A `next` parameter that stays on this site and never loops back to the login page. */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

export function loginPath(path: string): string {
  return path === '/' ? '/login' : `/login?next=${encodeURIComponent(path)}`;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null | undefined>(undefined);
  const navigate = useNavigate();

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setUser(null);
      const { pathname, search } = window.location;
      if (!pathname.startsWith('/login')) navigate(loginPath(pathname + search), { replace: true });
    });
    const controller = new AbortController();
    auth
      .me(controller.signal)
      .then(setUser)
      .catch(() => {
        if (!controller.signal.aborted) setUser(null);
      });
    return () => {
      controller.abort();
      setUnauthorizedHandler(null);
    };
  }, [navigate]);

  const login = useCallback(async (username: string, password: string) => {
    const { user: me } = await auth.login(username, password);
    setUser(me);
    return me;
  }, []);

  const logout = useCallback(async () => {
    try {
      await auth.logout();
    } finally {
      clearAllDrafts();
      setUser(null);
      navigate('/login', { replace: true });
    }
  }, [navigate]);

  const value = useMemo<AuthValue>(
    () => ({ user, login, logout, can: (p) => user?.permissions.includes(p) ?? false }),
    [user, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** Renders its children for a signed-in user; otherwise goes to the login page and back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (user === null) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  return children;
}
