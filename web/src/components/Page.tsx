import type { ReactNode } from 'react';
import { Alert, Button, Space, Typography } from 'antd';
import { useT } from '../shared/i18n';

/** A page: title, optional actions on the right, content below. */
export function Page({
  title,
  extra,
  children,
  subTitle,
}: {
  title: ReactNode;
  extra?: ReactNode;
  subTitle?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between', marginBottom: 16 }}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
        </div>
        {extra && <Space wrap>{extra}</Space>}
      </div>
      {children}
    </div>
  );
}

/** A failed load, with the server's message and a retry. */
export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      message={(error as Error)?.message ?? t('加载失败', 'Failed to load')}
      action={
        retry && (
          <Button size="small" onClick={retry}>
            {t('重试', 'Retry')}
          </Button>
        )
      }
    />
  );
}
