import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, call, setAccessToken, setSessionHooks, type Me, type Schemas } from './api';
import { useLocale } from './i18n';

type TokenPair = Schemas['TokenPairDto'];

export type SignedOutReason = 'none' | 'expired' | 'signed-out';

export type SessionState =
  | { status: 'restoring' }
  | { status: 'unreachable' }
  | { status: 'signed-out'; reason: SignedOutReason }
  | { status: 'signed-in'; me: Me };

interface SessionContextValue {
  state: SessionState;
  /** Throws ApiError `totp-required` when the account needs a code: ask for it and call again with it. */
  signIn: (email: string, password: string, totp?: string) => Promise<void>;
  signOut: (reason?: SignedOutReason) => Promise<void>;
  /** Tries the refresh cookie again (after the network came back). */
  restore: () => Promise<void>;
  setMe: (me: Me) => void;
  /** Seconds until the session ends while the "stay signed in" warning is up, else null. */
  warningSeconds: number | null;
  staySignedIn: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Before the access token runs out, this long ahead: renew it if the user was active, else warn them. */
const WARNING_LEAD_MS = 60_000;

let refreshInFlight: Promise<TokenPair> | null = null;

/**
 * Refresh tokens work once: two refreshes at the same time (two tabs, React's double effects) would
 * look like a stolen token and end the session. One at a time, across tabs where the browser can.
 */
function refreshTokens(): Promise<TokenPair> {
  refreshInFlight ??= (async () => {
    const refresh = () => call(api.POST('/api/v1/auth/refresh', { body: {} }));
    try {
      return navigator.locks ? await navigator.locks.request('samvirke-refresh', refresh) : await refresh();
    } finally {
      refreshInFlight = null;
    }
  })();
  return refreshInFlight;
}

function fetchMe(): Promise<Me> {
  return call(api.GET('/api/v1/me'));
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'restoring' });
  const [expiresAt, setExpiresAt] = useState<number | null>(null);
  const [warningUntil, setWarningUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const lastActivity = useRef(0);
  const lastRenewal = useRef(0);
  const tokenEnds = useRef<number | null>(null);
  const { setLocale } = useLocale();
  const queryClient = useQueryClient();

  const applyTokens = useCallback((pair: TokenPair) => {
    setAccessToken(pair.accessToken);
    const issued = Date.now();
    lastRenewal.current = issued;
    setWarningUntil(null);
    tokenEnds.current = issued + pair.expiresIn * 1000;
    setExpiresAt(tokenEnds.current);
  }, []);

  const enter = useCallback(
    async (pair: TokenPair) => {
      applyTokens(pair);
      const me = await fetchMe();
      setLocale(me.locale);
      setState({ status: 'signed-in', me });
    },
    [applyTokens, setLocale],
  );

  const endLocally = useCallback(
    (reason: SignedOutReason) => {
      setAccessToken(null);
      tokenEnds.current = null;
      setExpiresAt(null);
      setWarningUntil(null);
      queryClient.clear();
      setState({ status: 'signed-out', reason });
    },
    [queryClient],
  );

  const restore = useCallback(async () => {
    setState({ status: 'restoring' });
    try {
      await enter(await refreshTokens());
    } catch (error) {
      if (error instanceof ApiError) endLocally('none');
      else setState({ status: 'unreachable' });
    }
  }, [enter, endLocally]);

  useEffect(() => {
    void restore();
  }, [restore]);

  const signIn = useCallback(
    async (email: string, password: string, totp?: string) => {
      const pair = await call(api.POST('/api/v1/auth/login', { body: { email, password, ...(totp ? { totp } : {}) } }));
      await enter(pair);
    },
    [enter],
  );

  const signOut = useCallback(
    async (reason: SignedOutReason = 'signed-out') => {
      try {
        await call(api.POST('/api/v1/auth/logout'));
      } catch {
        // Signed out here whatever the server said; the cookie ends with the session on the server.
      }
      endLocally(reason);
    },
    [endLocally],
  );

  const renew = useCallback(async () => {
    try {
      applyTokens(await refreshTokens());
    } catch (error) {
      // The session reached its longest lifetime, or was ended elsewhere.
      if (error instanceof ApiError) endLocally('expired');
    }
  }, [applyTokens, endLocally]);

  // What counts as being here: a key pressed or a pointer used.
  useEffect(() => {
    const mark = () => {
      lastActivity.current = Date.now();
    };
    window.addEventListener('keydown', mark, { passive: true });
    window.addEventListener('pointerdown', mark, { passive: true });
    return () => {
      window.removeEventListener('keydown', mark);
      window.removeEventListener('pointerdown', mark);
    };
  }, []);

  // Shortly before the access token runs out: renew it for someone at work, warn someone away.
  useEffect(() => {
    if (state.status !== 'signed-in' || expiresAt === null) return;
    const lead = Math.min(WARNING_LEAD_MS, (expiresAt - lastRenewal.current) / 4);
    const timer = window.setTimeout(
      () => {
        if (lastActivity.current > lastRenewal.current) void renew();
        else setWarningUntil(expiresAt);
      },
      Math.max(0, expiresAt - lead - Date.now()),
    );
    return () => window.clearTimeout(timer);
  }, [state.status, expiresAt, renew]);

  // While warned: count down, and end the session just before the token would.
  useEffect(() => {
    if (warningUntil === null) return;
    setNow(Date.now());
    const tick = window.setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= warningUntil - 2000) void signOut('expired');
    }, 1000);
    return () => window.clearInterval(tick);
  }, [warningUntil, signOut]);

  // The timers above do not run while a computer sleeps: each request checks the token first.
  useEffect(() => {
    setSessionHooks({
      beforeRequest: async () => {
        const ends = tokenEnds.current;
        if (ends === null || Date.now() < ends - 10_000) return;
        if (lastActivity.current > lastRenewal.current) await renew();
        else endLocally('expired');
      },
      // The API no longer knows the session (ended elsewhere, or the account deactivated).
      unauthorized: () => endLocally('expired'),
    });
    return () => setSessionHooks(null);
  }, [renew, endLocally]);

  const setMe = useCallback((me: Me) => setState({ status: 'signed-in', me }), []);
  const warningSeconds = warningUntil === null ? null : Math.max(0, Math.round((warningUntil - now) / 1000));

  const value = useMemo(
    () => ({ state, signIn, signOut, restore, setMe, warningSeconds, staySignedIn: renew }),
    [state, signIn, signOut, restore, setMe, warningSeconds, renew],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only inside routes behind RequireSession. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe without a session');
  return state.me;
}
