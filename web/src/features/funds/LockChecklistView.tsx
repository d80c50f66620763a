// The checklist shown before a month is locked: what is unfinished, with amounts, and the explicit
// choice to lock anyway (recorded in the audit log by the server).
import { Alert, Checkbox, List, Skeleton, Typography } from 'antd';
import type { LockChecklist } from '../../../../src/contracts/lock-checklist';
import { useT } from '../../shared/i18n';
import { labelT, SUBMISSION_STATUS_NAMES, useMoney } from '../../shared/labels';

export function LockChecklistView({
  checklist,
  loading,
  ack,
  onAck,
}: {
  checklist: LockChecklist | undefined;
  loading: boolean;
  ack: boolean;
  onAck: (v: boolean) => void;
}) {
  const t = useT();
  const { formatWan } = useMoney();
  if (loading || !checklist) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (!checklist.unfinished)
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 8 }}
        message={t('各单位均已报送，月报均已审核，条目均已核实。', 'Everything is submitted, approved and verified.')}
      />
    );
  const sections: { key: string; title: string; rows: LockChecklist['notSubmitted']; money: boolean }[] = [
    { key: 'ns', title: t('未报送的单位', 'Units not submitted'), rows: checklist.notSubmitted, money: true },
    { key: 'aa', title: t('等待单位负责人审核', 'Waiting for approval'), rows: checklist.awaitingApproval, money: true },
    {
      key: 'av',
      title: t('等待市招商办核实的条目', 'Entries waiting for verification'),
      rows: checklist.awaitingVerification,
      money: true,
    },
  ];
  return (
    <div data-testid="lock-checklist" style={{ marginBottom: 8 }}>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 8 }}
        message={t(
          '本期还有未完成的工作，锁定后将不能再报送、审核或核实：',
          'Unfinished work; after locking it can no longer be submitted, approved or verified:',
        )}
      />
      {sections
        .filter((s) => s.rows.length)
        .map((s) => (
          <div key={s.key} style={{ marginBottom: 8 }}>
            <Typography.Text strong>
              {s.title}（{s.rows.length}）
            </Typography.Text>
            <List
              size="small"
              dataSource={s.rows}
              style={{ maxHeight: 160, overflow: 'auto' }}
              renderItem={(r) => (
                <List.Item style={{ padding: '2px 0' }}>
                  <span>
                    {r.unitName}
                    {s.key === 'ns' ? ` · ${labelT(t, SUBMISSION_STATUS_NAMES, r.status)}` : ''}
                  </span>
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {t(`${r.entries} 条 `, `${r.entries} entries `)}
                    {formatWan(r.amountYuan)}
                  </span>
                </List.Item>
              )}
            />
          </div>
        ))}
      <Checkbox checked={ack} onChange={(e) => onAck(e.target.checked)}>
        {t('我已知晓以上未完成事项，仍然锁定（记入操作日志）', 'I know about the unfinished work and lock anyway (audited)')}
      </Checkbox>
    </div>
  );
}
