// A project's commitments, with the investor's side: for a fulfilled commitment the office makes a
// one-time link (14 days) for the investor to confirm it or object; the answer shows in the table.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Input, Modal, Space, Tag, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useT } from '../../shared/i18n';
import type { Pair } from '../../shared/labels';
import { useCreateConfirmationLink, type ConfirmationLink } from './api/create-confirmation-link';
import { ItemsPanel, type FieldSpec } from './ItemsPanel';

const CHECK: Record<string, { label: Pair; color: string }> = {
  pending: { label: ['待投资方确认', 'Awaiting investor'], color: 'processing' },
  confirmed: { label: ['投资方已确认', 'Confirmed'], color: 'success' },
  disputed: { label: ['投资方有异议', 'Disputed'], color: 'error' },
};

export function CommitmentsPanel({
  projectId,
  label,
  fields,
  canWrite,
}: {
  projectId: number;
  label: Pair;
  fields: FieldSpec[];
  canWrite: boolean;
}) {
  const t = useT();
  const { message } = AntApp.useApp();
  const create = useCreateConfirmationLink();
  const [link, setLink] = useState<(ConfirmationLink & { replaced: boolean }) | null>(null);

  const ask = async (id: number, replaced: boolean) => {
    try {
      setLink({ ...(await create.mutateAsync(id)), replaced });
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const full = link ? `${window.location.origin}${link.url}` : '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(full);
      message.success(t('链接已复制，可通过短信或微信发给投资方', 'Link copied'));
    } catch {
      message.info(t('请选中链接后手动复制', 'Select the link and copy it'));
    }
  };

  return (
    <>
      <ItemsPanel
        projectId={projectId}
        path="commitments"
        label={label}
        fields={fields}
        canWrite={canWrite}
        defaults={{ status: 'pending' }}
        extraColumns={[
          {
            title: t('投资方确认', 'Investor'),
            key: 'investorCheck',
            width: 150,
            render: (r) => {
              const c = CHECK[String(r.investorCheck ?? '')];
              if (!c) return '—';
              return (
                <Space direction="vertical" size={0}>
                  <Tag color={c.color}>{t(...c.label)}</Tag>
                  {r.investorComment ? <Typography.Text type="secondary">{String(r.investorComment)}</Typography.Text> : null}
                </Space>
              );
            },
          },
        ]}
        rowActions={(r) =>
          r.status === 'fulfilled' ? (
            <a onClick={() => void ask(r.id as number, r.investorCheck === 'pending')} aria-disabled={create.isPending}>
              {r.investorCheck ? t('重发确认链接', 'New link') : t('请投资方确认', 'Ask investor')}
            </a>
          ) : null
        }
      />
      <Modal
        open={!!link}
        title={t('投资方确认链接', 'Confirmation link for the investor')}
        onCancel={() => setLink(null)}
        footer={[
          <Button key="copy" type="primary" icon={<CopyOutlined />} onClick={() => void copy()}>
            {t('复制链接', 'Copy link')}
          </Button>,
          <Button key="close" onClick={() => setLink(null)}>
            {t('关闭', 'Close')}
          </Button>,
        ]}
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={
            t(
              `请把链接发给投资方。链接只能使用一次，${link ? link.expiresAt.slice(0, 10) : ''} 前有效。`,
              `Send this link to the investor. It works once, until ${link ? link.expiresAt.slice(0, 10) : ''}.`,
            ) + (link?.replaced ? t('此前发出的链接已作废。', ' The earlier link no longer works.') : '')
          }
        />
        <Input.TextArea value={full} readOnly autoSize data-testid="confirmation-link" onFocus={(e) => e.target.select()} />
      </Modal>
    </>
  );
}
