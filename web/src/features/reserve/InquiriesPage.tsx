// 投资咨询: inquiries investors left on the public page, answered within the response time the settings give.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Empty, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Inquiry } from '../../../../src/contracts/public';
import { useT } from '../../shared/i18n';
import { useCan } from '../../shared/session';
import { LoadError, Page } from '../../components/Page';
import { useInquiries } from './api/get-inquiries';
import { useDisputedCommitments, type DisputedCommitment } from './api/get-disputed-commitments';
import { answerInquiry, useReserveWrite } from './api/save-reserve-project';

function AnswerModal({ i, onClose }: { i: Inquiry; onClose: () => void }) {
  const t = useT();
  const [answer, setAnswer] = useState(i.answer ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = useReserveWrite((status: 'answered' | 'closed') =>
    answerInquiry(i.id, { status, answer: answer || null, version: i.version }),
  );
  const go = async (status: 'answered' | 'closed') => {
    try {
      await save.mutateAsync(status);
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal
      open
      title={t(`答复：${i.name}`, `Answer ${i.name}`)}
      onCancel={onClose}
      footer={[
        <Button key="c" onClick={() => go('closed')}>
          {t('关闭（无需答复）', 'Close')}
        </Button>,
        <Button key="a" type="primary" loading={save.isPending} onClick={() => go('answered')}>
          {t('已答复', 'Answered')}
        </Button>,
      ]}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{i.message}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {i.company ?? ''} {i.contact}
      </Typography.Paragraph>
      <Input.TextArea
        rows={4}
        maxLength={2000}
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
        placeholder={t('答复内容：如何联系、答复了什么', 'What was answered')}
        aria-label={t('答复内容', 'Answer')}
      />
      {error && (
        <div role="alert" style={{ color: '#cf1322' }}>
          {error}
        </div>
      )}
    </Modal>
  );
}

export function InquiriesPage() {
  const t = useT();
  const canWrite = useCan('project.write');
  const [status, setStatus] = useState<string | undefined>('new');
  const list = useInquiries({ status });
  const [open, setOpen] = useState<Inquiry | null>(null);
  const disputed = useDisputedCommitments();
  return (
    <Page
      title={t('投资咨询', 'Investor inquiries')}
      subTitle={
        <Space>
          <Link to="/reserve">{t('← 项目储备', '← Reserve')}</Link>
          <a href="/invest" target="_blank" rel="noopener">
            {t('公开推介页', 'Public page')}
          </a>
        </Space>
      }
      extra={
        <Select
          aria-label={t('状态', 'Status')}
          allowClear
          value={status}
          onChange={setStatus}
          style={{ width: 120 }}
          placeholder={t('全部', 'All')}
          options={[
            { value: 'new', label: t('待答复', 'New') },
            { value: 'answered', label: t('已答复', 'Answered') },
            { value: 'closed', label: t('已关闭', 'Closed') },
          ]}
        />
      }
    >
      {list.error ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : (
        <Table<Inquiry>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data}
          scroll={{ x: 800 }}
          locale={{ emptyText: <Empty description={t('没有咨询', 'No inquiries')} /> }}
          columns={[
            { title: t('时间', 'Received'), dataIndex: 'createdAt', width: 160, render: (v: string) => v.slice(0, 16).replace('T', ' ') },
            {
              title: t('咨询人', 'From'),
              render: (_: unknown, i) => (
                <>
                  {i.name}
                  {i.company ? `（${i.company}）` : ''}
                  <br />
                  <Typography.Text type="secondary">{i.contact}</Typography.Text>
                </>
              ),
            },
            {
              title: t('项目', 'Project'),
              dataIndex: 'reserveProjectName',
              render: (v: string | null, i) => (v ? <Link to={`/reserve/${i.reserveProjectId}`}>{v}</Link> : '—'),
            },
            { title: t('留言', 'Message'), dataIndex: 'message', ellipsis: true },
            {
              title: t('状态', 'Status'),
              width: 150,
              render: (_: unknown, i) =>
                i.status === 'new' ? (
                  i.overdue ? (
                    <Tag color="red">{t('超时未答复', 'Overdue')}</Tag>
                  ) : (
                    <Tag color="blue">{t('待答复', 'New')}</Tag>
                  )
                ) : (
                  <Tag color="green">{i.status === 'answered' ? t('已答复', 'Answered') : t('已关闭', 'Closed')}</Tag>
                ),
            },
            {
              title: '',
              width: 80,
              render: (_: unknown, i) =>
                canWrite && (
                  <Button size="small" onClick={() => setOpen(i)}>
                    {t('答复', 'Answer')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={t('投资方对承诺兑现提出的异议（移交督查）', 'Commitments disputed by investors (to supervision)')}
      >
        {disputed.error ? (
          <LoadError error={disputed.error} retry={() => disputed.refetch()} />
        ) : (
          <Table<DisputedCommitment>
            rowKey="id"
            size="small"
            loading={disputed.isLoading}
            dataSource={disputed.data}
            pagination={false}
            scroll={{ x: 700 }}
            locale={{ emptyText: <Empty description={t('没有异议', 'No disputes')} /> }}
            columns={[
              {
                title: t('项目', 'Project'),
                render: (_: unknown, d) => (
                  <Link to={`/projects/${d.projectId}`}>
                    {d.projectCode} {d.projectName}
                  </Link>
                ),
              },
              { title: t('承诺事项', 'Commitment'), dataIndex: 'title' },
              { title: t('标记兑现', 'Marked fulfilled'), dataIndex: 'fulfilledOn', width: 110 },
              { title: t('投资方说明', "Investor's comment"), dataIndex: 'investorComment', render: (v: string | null) => v ?? '—' },
              {
                title: t('提出时间', 'When'),
                dataIndex: 'investorCheckedAt',
                width: 150,
                render: (v: string | null) => (v ? v.slice(0, 16).replace('T', ' ') : '—'),
              },
            ]}
          />
        )}
      </Card>
      {open && <AnswerModal i={open} onClose={() => setOpen(null)} />}
    </Page>
  );
}
