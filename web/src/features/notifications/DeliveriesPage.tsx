// The delivery log of one robot: the latest 100 messages, their attempts and the robot's answers.
import { Link, useParams } from 'react-router-dom';
import { Alert, Breadcrumb, Space, Table, Typography } from 'antd';
import type { WebhookDelivery } from '../../../../src/contracts/notifications';
import { useT } from '../../shared/i18n';
import { useDeliveries } from './api/get-deliveries';
import { KIND_LABELS, StatusTag, when } from './common';

export function DeliveriesPage() {
  const t = useT();
  const id = Number(useParams().id);
  const q = useDeliveries(id);
  const h = q.data?.webhook;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/webhooks">{t('群机器人', 'Group robots')}</Link> }, { title: h?.name ?? '…' }]} />
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('投递记录', 'Delivery log')}
        {h ? `：${h.name}（${t(...KIND_LABELS[h.kind])}，${h.unitName ?? t('市招商办', 'City office')}）` : ''}
      </Typography.Title>
      {h && (
        <Typography.Text type="secondary">
          {t('地址', 'Address')} <Typography.Text code>{h.urlMasked}</Typography.Text> · {t('最近 100 条', 'latest 100')}
        </Typography.Text>
      )}
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      <Table<WebhookDelivery>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 800 }}
        locale={{ emptyText: t('还没有发送过消息', 'Nothing sent yet') }}
        columns={[
          { title: t('排队时间', 'Queued'), render: (_, d) => when(d.createdAt) },
          { title: t('内容', 'Message'), dataIndex: 'summary' },
          { title: t('状态', 'Status'), render: (_, d) => <StatusTag status={d.status} t={t} /> },
          { title: t('尝试', 'Attempts'), render: (_, d) => `${d.attempts} / ${d.maxAttempts}` },
          {
            title: t('送达 / 下次重试', 'Sent / next retry'),
            render: (_, d) =>
              d.sentAt ? when(d.sentAt) : d.nextAttemptAt ? t(`下次 ${when(d.nextAttemptAt)}`, `next ${when(d.nextAttemptAt)}`) : '—',
          },
          { title: t('HTTP', 'HTTP'), render: (_, d) => d.responseCode ?? '—' },
          {
            title: t('失败原因', 'Error'),
            render: (_, d) => (d.lastError ? <Typography.Text type="danger">{d.lastError}</Typography.Text> : '—'),
          },
        ]}
      />
    </Space>
  );
}
