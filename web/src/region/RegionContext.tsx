// The region every list and count follows: `?region=` in the URL (so links and back/forward work),
// remembered per user in localStorage, and never outside the user's own region.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { scopePrefix } from '../../../src/modules/regions/regions.rules';
import { regions } from '../api/endpoints';
import type { RegionWithPath } from '../api/types';
import { useApi } from '../api/useApi';
import { useUser } from '../auth/AuthContext';

interface RegionValue {
  /** The selected region's 12-digit code. */
  code: string;
  /** The selected region with its ancestors, once loaded. */
  region: RegionWithPath | undefined;
  /** The user's own region: the top of what they may see. */
  rootCode: string;
  select: (code: string) => void;
  /** A link to `path` for the selected region, with more query parameters. */
  href: (path: string, query?: Record<string, string>) => string;
}

const listPaths = [
  '/monitoring',
  '/monitoring/review',
  '/monitoring/reporting',
  '/',
  '/persons',
  '/households',
  '/ledger',
  '/stats',
  '/stats/people',
  '/targets',
  '/warnings',
];

const RegionContext = createContext<RegionValue | null>(null);

export function useRegion(): RegionValue {
  const value = useContext(RegionContext);
  if (!value) throw new Error('useRegion outside RegionProvider');
  return value;
}

function inScope(code: string | null, rootCode: string): code is string {
  if (!code || !/^\d{12}$/.test(code)) return false;
  try {
    return code.startsWith(scopePrefix(rootCode)) && scopePrefix(code).length >= scopePrefix(rootCode).length;
  } catch {
    return false;
  }
}

export function RegionProvider({ children }: { children: ReactNode }) {
  const user = useUser();
  const rootCode = user.region?.code ?? '';
  const storageKey = `bangfu.region.${user.username}`;
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();

  const fromUrl = params.get('region');
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(storageKey);
  } catch {
    stored = null;
  }
  const code = inScope(fromUrl, rootCode) ? fromUrl : inScope(stored, rootCode) ? stored : rootCode;

  useEffect(() => {
    try {
      localStorage.setItem(storageKey, code);
    } catch {
      // The URL still carries the choice.
    }
  }, [code, storageKey]);

  const { data: region } = useApi((signal) => regions.get(code, signal), [code]);

  const select = useCallback(
    (next: string) => {
      // Lists and the home page follow the region; a single record does not, so go home from there.
      const follows = listPaths.includes(location.pathname);
      if (follows && next === code) return;
      const query = new URLSearchParams(follows ? location.search : '');
      query.set('region', next);
      query.delete('page');
      navigate({ pathname: follows ? location.pathname : '/', search: `?${query}` });
    },
    [code, location.pathname, location.search, navigate],
  );

  const href = useCallback(
    (path: string, query: Record<string, string> = {}) => {
      const search = new URLSearchParams({ region: code, ...query });
      return `${path}?${search}`;
    },
    [code],
  );

  const value = useMemo<RegionValue>(
    () => ({ code, region: region?.code === code ? region : undefined, rootCode, select, href }),
    [code, region, rootCode, select, href],
  );
  return <RegionContext.Provider value={value}>{children}</RegionContext.Provider>;
}
