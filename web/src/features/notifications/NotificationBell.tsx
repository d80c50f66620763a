// The header's bell: my notifications, unread first; a click marks one read and follows its link.
import { useState } from 'react';
import { Badge, Button, Empty, List, Popover, Space, Spin, Typography } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../shared/i18n';
import { useNotifications } from './api/get-notifications';
import { useMarkAllRead, useMarkRead } from './api/mark-read';

const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { hour12: false, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** The header's notifications; `compact` (a phone) shows the icon and count without the word. */
export function NotificationBell({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const q = useNotifications();
  const read = useMarkRead();
  const readAll = useMarkAllRead();
  const unread = q.data?.unread ?? 0;
  const content = (
    <div style={{ width: 360, maxWidth: '80vw' }} data-testid="notification-list">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Text strong>
          {t('通知', 'Notifications')}
          {unread ? t(`（${unread} 条未读）`, ` (${unread} unread)`) : ''}
        </Typography.Text>
        <Button size="small" type="link" disabled={!unread} loading={readAll.isPending} onClick={() => readAll.mutate()}>
          {t('全部已读', 'Mark all read')}
        </Button>
      </Space>
      {q.isLoading ? (
        <Spin />
      ) : !q.data?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无通知', 'No notifications')} />
      ) : (
        <List
          size="small"
          style={{ maxHeight: 420, overflow: 'auto' }}
          dataSource={q.data.items}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: n.link ? 'pointer' : 'default', opacity: n.readAt ? 0.6 : 1 }}
              tabIndex={0}
              onClick={() => {
                if (!n.readAt) read.mutate(n.id);
                if (n.link) {
                  setOpen(false);
                  navigate(n.link);
                }
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') e.currentTarget.click();
              }}
            >
              <List.Item.Meta
                avatar={<Badge status={n.readAt ? 'default' : n.kind === 'warning-red' ? 'error' : 'processing'} />}
                title={<span style={{ fontWeight: n.readAt ? 400 : 600 }}>{n.title}</span>}
                description={
                  <>
                    {n.body && <div style={{ whiteSpace: 'pre-line' }}>{n.body}</div>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {when(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Badge count={unread} overflowCount={99} size="small" offset={[-6, 6]}>
        <Button
          type="text"
          icon={<NotificationOutlined />}
          data-testid="notification-bell"
          aria-label={t(`通知，${unread} 条未读`, `Notifications, ${unread} unread`)}
        >
          {compact ? null : t('通知', 'Alerts')}
        </Button>
      </Badge>
    </Popover>
  );
}
