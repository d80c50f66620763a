import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Me } from '../../../src/contracts/common';
import { setCsrfToken } from '../lib/api';
import { getMe, getSetupStatus } from '../shared/api/me';
import { LocaleContext, type Locale } from '../shared/i18n';
import { SessionContext } from '../shared/session';
import { Shell } from './Shell';
import { LoginPage } from './LoginPage';
import { SetupPage } from './SetupPage';
import { FEATURE_ROUTES } from './features';
import { lazyPage } from '../shared/lazyPage';

// The investors' public pages live outside the signed-in shell (no login).
const PublicPage = lazyPage(() => import('../features/public/PublicPage'), 'PublicPage');
const ConfirmPage = lazyPage(() => import('../features/public/ConfirmPage'), 'ConfirmPage');

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 10_000 } } });

function Gate() {
  const [state, setState] = useState<'loading' | 'setup' | 'login' | 'ready'>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const navigate = useNavigate();
  const location = useLocation();

  const refresh = useCallback(async () => {
    const s = await getSetupStatus();
    if (s.needsSetup) {
      setState('setup');
      return;
    }
    try {
      const m = await getMe();
      setCsrfToken(m.csrfToken);
      setMe(m);
      setState('ready');
    } catch {
      setMe(null);
      setCsrfToken(null);
      setState('login');
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    const on = () => {
      setMe(null);
      setState('login');
    };
    window.addEventListener('zs:unauthenticated', on);
    return () => window.removeEventListener('zs:unauthenticated', on);
  }, []);
  useEffect(() => {
    if (state === 'setup' && location.pathname !== '/setup') navigate('/setup', { replace: true });
    if (state === 'login' && location.pathname !== '/login')
      navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  }, [state, location.pathname, location.search, navigate]);

  const session = useMemo(() => ({ me, refresh }), [me, refresh]);
  if (state === 'loading')
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  return (
    <SessionContext.Provider value={session}>
      <Routes>
        <Route path="/setup" element={state === 'setup' ? <SetupPage onDone={refresh} /> : <Navigate to="/" replace />} />
        <Route path="/login" element={state === 'ready' ? <Navigate to="/" replace /> : <LoginPage onDone={refresh} />} />
        {state === 'ready' && (
          <Route path="/" element={<Shell />}>
            {FEATURE_ROUTES.map((r) => (
              <Route key={r.path} path={r.path} element={r.element} />
            ))}
            {!FEATURE_ROUTES.some((r) => r.path === '') && <Route index element={<Navigate to="/dashboard" replace />} />}
            <Route path="*" element={<Result status="404" title="页面不存在" subTitle="请从左侧菜单进入需要的功能" />} />
          </Route>
        )}
      </Routes>
    </SessionContext.Provider>
  );
}

export function App() {
  const [locale, setLocaleState] = useState<Locale>(() => (localStorage.getItem('zs.locale') as Locale) || 'zh-CN');
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem('zs.locale', l);
    setLocaleState(l);
  }, []);
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <LocaleContext.Provider value={{ locale, setLocale }}>
      <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={{ token: { colorPrimary: '#c0392b', borderRadius: 6 } }}>
        <AntApp>
          <QueryClientProvider client={queryClient}>
            <BrowserRouter>
              <Routes>
                <Route
                  path="/invest"
                  element={
                    <Suspense fallback={<Spin />}>
                      <PublicPage />
                    </Suspense>
                  }
                />
                <Route
                  path="/invest/confirm/:token"
                  element={
                    <Suspense fallback={<Spin />}>
                      <ConfirmPage />
                    </Suspense>
                  }
                />
                <Route path="*" element={<Gate />} />
              </Routes>
            </BrowserRouter>
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </LocaleContext.Provider>
  );
}
