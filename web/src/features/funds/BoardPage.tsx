// 月报进度: every unit's submission of one period — who has not submitted, who waits for approval,
// what the city office has verified — and the period lock.
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Col, Input, Modal, Row, Statistic, Table, Timeline, Typography } from 'antd';
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import type { Submission } from '../../../../src/contracts/funds';
import { LoadError, Page } from '../../components/Page';
import { useT } from '../../shared/i18n';
import { useMoney } from '../../shared/labels';
import { useCan } from '../../shared/session';
import { useLock } from './api/get-lock';
import { useLockAction } from './api/lock-action';
import { useLockChecklist } from './api/get-lock-checklist';
import { LockChecklistView } from './LockChecklistView';
import { useSubmissions } from './api/get-submissions';
import { LockBanner, PeriodPicker, SubmissionStatusTag, defaultPeriod } from './common';
import { Money } from '../../shared/Money';

export function BoardPage() {
  const t = useT();
  const { formatWan } = useMoney();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? defaultPeriod();
  const subs = useSubmissions(period);
  const lock = useLock(period);
  const canLock = useCan('period.lock');
  const lockAction = useLockAction();
  const [ack, setAck] = useState(false);
  const [dialog, setDialog] = useState<'lock' | 'unlock' | null>(null);
  const checklist = useLockChecklist(period, dialog === 'lock');
  const [text, setText] = useState('');

  const items = subs.data ?? [];
  const count = (f: (s: Submission) => boolean) => items.filter(f).length;
  const notSubmitted = count((s) => ['not_started', 'draft', 'returned'].includes(s.status));
  const waitingApproval = count((s) => s.status === 'submitted');
  const waitingVerify = items.reduce((n, s) => n + s.counts.approved, 0);
  const verified = items.reduce((n, s) => n + s.counts.verified, 0);

  const run = async () => {
    if (!dialog) return;
    try {
      await lockAction.mutateAsync({ period, action: dialog, text, acknowledgeUnfinished: dialog === 'lock' && ack });
      message.success(dialog === 'lock' ? t(`${period} 已锁定`, 'Locked') : t(`${period} 已解锁，已记入日志`, 'Unlocked'));
      setDialog(null);
      setText('');
      setAck(false);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Page
      title={t('月报进度', 'Submission board')}
      subTitle={t('各单位本月报送、审核、核实情况', "Each unit's monthly submission")}
      extra={
        <>
          <PeriodPicker value={period} onChange={(p) => setParams({ period: p }, { replace: true })} />
          {canLock &&
            (lock.data?.locked ? (
              <Button icon={<UnlockOutlined />} onClick={() => setDialog('unlock')}>
                {t('解锁', 'Unlock')}
              </Button>
            ) : (
              <Button danger icon={<LockOutlined />} onClick={() => setDialog('lock')} disabled={!lock.data}>
                {t('锁定本期（封账）', 'Lock period')}
              </Button>
            ))}
        </>
      }
    >
      <LockBanner lock={lock.data} />
      {subs.error && <LoadError error={subs.error} retry={() => subs.refetch()} />}
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('未报送单位', 'Not submitted')}
              value={notSubmitted}
              valueStyle={{ color: notSubmitted ? '#cf1322' : undefined }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('待单位审核', 'Awaiting approval')} value={waitingApproval} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('待核实条目', 'Entries to verify')} value={waitingVerify} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('已核实条目', 'Verified entries')} value={verified} />
          </Card>
        </Col>
      </Row>
      <Table<Submission>
        size="small"
        rowKey="unitCode"
        loading={subs.isLoading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 1000 }}
        onRow={(s) => ({ onDoubleClick: () => navigate(`/funds?unit=${s.unitCode}&period=${period}`) })}
        columns={[
          {
            title: t('单位', 'Unit'),
            render: (_, s) => <a onClick={() => navigate(`/funds?unit=${s.unitCode}&period=${period}`)}>{s.unitName}</a>,
          },
          {
            title: t('状态', 'Status'),
            render: (_, s) => (
              <SubmissionStatusTag status={s.status} allVerified={s.counts.total > 0 && s.counts.verified === s.counts.total} />
            ),
            filters: [
              ['not_started', t('未填报', 'Not started')],
              ['draft', t('填报中', 'In progress')],
              ['submitted', t('待审核', 'Awaiting approval')],
              ['approved', t('已审核', 'Approved')],
              ['returned', t('已退回', 'Returned')],
            ].map(([value, text]) => ({ value: value!, text })),
            onFilter: (v, s) => s.status === v,
          },
          {
            title: t('报送', 'Submitted'),
            render: (_, s) => (s.submittedAt ? `${s.submittedBy ?? ''} ${s.submittedAt.slice(5, 16).replace('T', ' ')}` : ''),
          },
          {
            title: t('审核', 'Approved'),
            render: (_, s) => (s.approvedAt ? `${s.approvedBy ?? ''} ${s.approvedAt.slice(5, 16).replace('T', ' ')}` : ''),
          },
          { title: t('条目', 'Entries'), align: 'right', render: (_, s) => s.counts.total },
          { title: t('已核实', 'Verified'), align: 'right', render: (_, s) => `${s.counts.verified}/${s.counts.total}` },
          {
            title: t('报送金额', 'Reported'),
            align: 'right',
            render: (_, s) => <Money>{formatWan(s.amountYuan)}</Money>,
            sorter: (a, b) => a.amountYuan - b.amountYuan,
          },
          {
            title: t('已核实金额', 'Verified amount'),
            align: 'right',
            render: (_, s) => <Money>{formatWan(s.verifiedYuan)}</Money>,
            sorter: (a, b) => a.verifiedYuan - b.verifiedYuan,
          },
          {
            title: t('退回原因', 'Return reason'),
            render: (_, s) => (s.status === 'returned' ? <Typography.Text type="danger">{s.returnedReason}</Typography.Text> : null),
          },
        ]}
      />
      {lock.data && lock.data.history.length > 0 && (
        <Card size="small" title={t('锁定与解锁记录', 'Lock history')} style={{ marginTop: 16 }}>
          <Timeline
            items={lock.data.history.map((h) => ({
              color: h.action === 'unlock' ? 'orange' : 'red',
              children: `${h.at.slice(0, 16).replace('T', ' ')} ${h.actorName}：${h.summary ?? h.action}`,
            }))}
          />
        </Card>
      )}
      <Modal
        open={dialog !== null}
        onCancel={() => setDialog(null)}
        onOk={run}
        confirmLoading={lockAction.isPending}
        destroyOnHidden
        title={dialog === 'lock' ? t(`锁定报告期 ${period}`, `Lock ${period}`) : t(`解锁报告期 ${period}`, `Unlock ${period}`)}
        okButtonProps={{
          disabled:
            (dialog === 'unlock' && text.trim().length < 2) ||
            (dialog === 'lock' && (!checklist.data || (checklist.data.unfinished && !ack))),
          danger: true,
        }}
      >
        {dialog === 'lock' && <LockChecklistView checklist={checklist.data} loading={checklist.isLoading} ack={ack} onAck={setAck} />}
        {dialog === 'lock' ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 8 }}
            message={t(
              '锁定后，该期所有到位资金和月报都不能再录入、修改、报送、审核或核实；更正须录入调整数。',
              'After locking nothing in this period can change.',
            )}
          />
        ) : (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 8 }}
            message={t('解锁会改变已在调度会上使用的数据，须说明原因；原因与操作人记入日志。', 'Unlocking needs a reason; it is audited.')}
          />
        )}
        <Input.TextArea
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={500}
          aria-label={t('说明', 'Note')}
          placeholder={
            dialog === 'lock' ? t('备注（可选），如：5月调度会后封账', 'Note (optional)') : t('解锁原因（必填）', 'Reason (required)')
          }
        />
      </Modal>
    </Page>
  );
}
