// 核实队列: entries approved by their unit head, with the evidence beside each, verified one by one
// or in bulk, or returned to the unit with a reason.
import { Link } from 'react-router-dom';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Checkbox, Select, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import type { FundEntry } from '../../../../src/contracts/funds';
import { LoadError, Page } from '../../components/Page';
import { useT } from '../../shared/i18n';
import { STAGE_NAMES, labelT, useMoney } from '../../shared/labels';
import { useEntries } from './api/get-entries';
import { useLock } from './api/get-lock';
import { useReturnEntry } from './api/return-entry';
import { useUnits } from '../../shared/api/units';
import { useVerify } from './api/verify-entry';
import { useVerifyBulk } from './api/verify-bulk';
import { QualityTags } from './QualityTags';
import { AttachmentList, EntryStatusTag, LockBanner, PeriodPicker, ReasonModal, defaultPeriod } from './common';
import { Money } from '../../shared/Money';

export function VerifyPage() {
  const t = useT();
  const { formatWan, formatWanUsd } = useMoney();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? defaultPeriod();
  const unitCode = params.get('unit') ?? undefined;
  const [showAll, setShowAll] = useState(false);
  const entries = useEntries({ period, unitCode, status: showAll ? undefined : 'approved' });
  // The queue of every period, so that entries waiting in another month are not missed.
  const waiting = useEntries({ unitCode, status: 'approved' });
  const otherPeriods = Object.entries(
    (waiting.data ?? []).reduce<Record<string, number>>((m, e) => {
      if (e.period !== period) m[e.period] = (m[e.period] ?? 0) + 1;
      return m;
    }, {}),
  ).sort(([a], [b]) => b.localeCompare(a));
  const units = useUnits();
  const lock = useLock(period);
  const verify = useVerify();
  const bulk = useVerifyBulk();
  const ret = useReturnEntry();
  const [selected, setSelected] = useState<number[]>([]);
  const [returning, setReturning] = useState<FundEntry | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (k: string, v: string | undefined) => {
    const n = new URLSearchParams(params);
    if (v) n.set(k, v);
    else n.delete(k);
    setParams(n, { replace: true });
  };
  const locked = !!lock.data?.locked;

  const doVerify = async (id: number) => {
    setError(null);
    try {
      await verify.mutateAsync(id);
      message.success(t('已核实', 'Verified'));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const doBulk = async () => {
    setError(null);
    try {
      const r = await bulk.mutateAsync(selected);
      setSelected([]);
      message.success(t(`已核实 ${r.verified.length} 条`, `${r.verified.length} verified`));
      if (r.skipped.length)
        setError(
          t(`${r.skipped.length} 条未核实：`, `${r.skipped.length} skipped: `) + r.skipped.map((s) => `#${s.id} ${s.reason}`).join('；'),
        );
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const items = entries.data ?? [];
  return (
    <Page
      title={t('到位资金核实', 'Verification queue')}
      subTitle={t('单位负责人审核通过的条目；对照凭证逐条核实，或说明原因退回', 'Approved entries: check the evidence, verify or return')}
      extra={
        <>
          <Select
            allowClear
            showSearch
            style={{ width: 200 }}
            placeholder={t('全部单位', 'All units')}
            value={unitCode}
            aria-label={t('单位', 'Unit')}
            options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
            onChange={(v: string | undefined) => set('unit', v)}
            filterOption={(i, o) => String(o?.label ?? '').includes(i)}
          />
          <PeriodPicker value={period} onChange={(p) => set('period', p)} />
          <Checkbox checked={showAll} onChange={(e) => setShowAll(e.target.checked)}>
            {t('显示全部状态', 'All statuses')}
          </Checkbox>
        </>
      }
    >
      <LockBanner lock={lock.data} />
      {otherPeriods.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="other-periods"
          message={
            <>
              {t('其他报告期还有待核实的条目：', 'Entries are also waiting in: ')}
              {otherPeriods.map(([p, n]) => (
                <Button key={p} type="link" size="small" onClick={() => set('period', p)}>
                  {t(`${p}（${n}条）`, `${p} (${n})`)}
                </Button>
              ))}
            </>
          }
        />
      )}
      {entries.error && <LoadError error={entries.error} retry={() => entries.refetch()} />}
      {error && <Alert type="error" showIcon closable onClose={() => setError(null)} message={error} style={{ marginBottom: 12 }} />}
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<CheckOutlined />} disabled={!selected.length || locked} loading={bulk.isPending} onClick={doBulk}>
          {t('批量核实', 'Verify selected')}
          {selected.length ? `（${selected.length}）` : ''}
        </Button>
        <Typography.Text type="secondary">
          {t(
            `共 ${items.length} 条，合计 ${formatWan(items.reduce((s, e) => s + e.amountYuan, 0))}`,
            `${items.length} entries, total ${formatWan(items.reduce((s, e) => s + e.amountYuan, 0))}`,
          )}
        </Typography.Text>
      </Space>
      <Table<FundEntry>
        size="small"
        rowKey="id"
        loading={entries.isLoading}
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1250 }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (k) => setSelected(k as number[]),
          getCheckboxProps: (e) => ({ disabled: e.status !== 'approved' || locked }),
        }}
        expandable={{
          expandedRowRender: (e) => (
            <div style={{ maxWidth: 560 }}>
              <AttachmentList entry={e} editable={false} />
            </div>
          ),
          rowExpandable: () => true,
        }}
        locale={{ emptyText: t('没有待核实的条目', 'Nothing to verify') }}
        columns={[
          { title: t('单位', 'Unit'), dataIndex: 'unitName', width: 110 },
          {
            title: t('项目', 'Project'),
            width: 260,
            render: (_, e) => (
              <>
                <Link to={`/projects/${e.projectId}`}>
                  <Typography.Text strong>{e.projectCode}</Typography.Text> {e.projectName}
                </Link>
                {!['contract', 'started', 'operating'].includes(e.projectStage) && (
                  <Tag color="orange" style={{ marginLeft: 4 }}>
                    {labelT(t, STAGE_NAMES, e.projectStage)}
                  </Tag>
                )}
              </>
            ),
          },
          {
            title: t('类型', 'Kind'),
            width: 110,
            render: (_, e) =>
              e.kind === 'adjustment' ? (
                <Tag color="purple">{t(`调整 ${e.adjustsPeriod}`, `Adj. ${e.adjustsPeriod}`)}</Tag>
              ) : (
                t('本月', 'Regular')
              ),
          },
          { title: t('到位金额', 'Amount'), align: 'right', width: 130, render: (_, e) => <Money>{formatWan(e.amountYuan)}</Money> },
          {
            title: t('其中外资', 'Foreign'),
            align: 'right',
            width: 120,
            render: (_, e) => (e.foreignUsd ? <Money>{formatWanUsd(e.foreignUsd)}</Money> : ''),
          },
          {
            title: t('凭证', 'Evidence'),
            width: 70,
            align: 'center',
            render: (_, e) => (e.attachmentCount ? <Tag color="green">{e.attachmentCount}</Tag> : <Tag color="red">{t('无', 'none')}</Tag>),
          },
          { title: t('备注', 'Note'), dataIndex: 'note' },
          { title: t('数据质量', 'Data quality'), width: 150, render: (_, e) => <QualityTags entryId={e.id} period={e.period} /> },
          { title: t('状态', 'Status'), width: 160, render: (_, e) => <EntryStatusTag status={e.status} /> },
          {
            title: t('操作', 'Actions'),
            width: 170,
            fixed: 'right',
            render: (_, e) => (
              <Space>
                {e.status === 'approved' && (
                  <Button size="small" type="primary" icon={<CheckOutlined />} disabled={locked} onClick={() => doVerify(e.id)}>
                    {t('核实', 'Verify')}
                  </Button>
                )}
                {['submitted', 'approved', 'verified'].includes(e.status) && (
                  <Button size="small" danger icon={<RollbackOutlined />} disabled={locked} onClick={() => setReturning(e)}>
                    {t('退回', 'Return')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <ReasonModal
        open={returning !== null}
        title={returning ? t(`退回：${returning.projectName}（${returning.unitName}）`, `Return ${returning.projectName}`) : ''}
        onClose={() => setReturning(null)}
        onOk={async (reason) => {
          try {
            await ret.mutateAsync({ id: returning!.id, reason });
            message.success(t('已退回，单位修改后将重新报送', 'Returned'));
            setReturning(null);
          } catch (e) {
            setError((e as Error).message);
            setReturning(null);
          }
        }}
      />
    </Page>
  );
}
