// Error boundaries: one around each routed page (the shell and menu stay, the person can retry or
// go home) and one at the root (the last line, when even the shell fails). A crash in one page
// never takes down navigation.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useT } from './i18n';

type Fallback = (error: Error, reset: () => void) => ReactNode;

export class ErrorBoundary extends Component<{ fallback: Fallback; onReset?: () => void; children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    // Left on the console so a browser journey (and a person with the developer tools) sees it.
    console.error('page crashed:', error, info.componentStack);
  }
  reset = () => {
    this.props.onReset?.();
    this.setState({ error: null });
  };
  override render() {
    return this.state.error ? this.props.fallback(this.state.error, this.reset) : this.props.children;
  }
}

function PageFallback({ error, reset, homeIsDashboard }: { error: Error; reset: () => void; homeIsDashboard: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="error"
      data-testid="page-error"
      title={t('这个页面出错了', 'This page failed')}
      subTitle={
        <>
          {t('其他功能不受影响，可从左侧菜单继续使用。', 'The rest of the app still works: use the menu.')}
          <br />
          <span style={{ fontSize: 12 }}>
            {t('错误信息：', 'Error: ')}
            {error.message}
          </span>
        </>
      }
      extra={[
        <Button key="retry" type="primary" onClick={reset}>
          {t('重试', 'Retry')}
        </Button>,
        <Button
          key="home"
          onClick={() => {
            reset();
            navigate('/');
          }}
        >
          {homeIsDashboard ? t('返回驾驶舱', 'Back to dashboard') : t('返回首页', 'Back to home')}
        </Button>,
      ]}
    />
  );
}

/** Around one routed page: keyed by the path by its parent, so moving to another page starts clean. */
export function PageErrorBoundary({ children, homeIsDashboard = true }: { children: ReactNode; homeIsDashboard?: boolean }) {
  const { reset } = useQueryErrorResetBoundary();
  return (
    <ErrorBoundary
      onReset={reset}
      fallback={(error, again) => <PageFallback error={error} reset={again} homeIsDashboard={homeIsDashboard} />}
    >
      {children}
    </ErrorBoundary>
  );
}

/** Around the whole app: no router or provider can be assumed here, so plain Chinese and a reload. */
export function RootErrorBoundary({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary
      fallback={(error) => (
        <div role="alert" style={{ padding: 48, fontFamily: 'sans-serif', textAlign: 'center' }}>
          <h2>页面出错了</h2>
          <p>请重新加载页面；如果仍然出错，请把下面的信息告诉系统管理员。</p>
          <p style={{ color: '#888', fontSize: 12 }}>{error.message}</p>
          <button type="button" onClick={() => location.assign('/')} style={{ padding: '6px 16px' }}>
            重新加载
          </button>
        </div>
      )}
    >
      {children}
    </ErrorBoundary>
  );
}
