// 月度填报: a unit's fund entries of one period as a keyboard-friendly grid, paste from Excel,
// adjustments of locked periods, and the unit's monthly submission (submit / approve / return).
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  CheckOutlined,
  DeleteOutlined,
  PlusOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
  SnippetsOutlined,
} from '@ant-design/icons';
import type { FundEntry, ProjectOption } from '../../../../src/contracts/funds';
import { parseWan, yuanToWanText } from '../../../../src/domain/money';
import { monthsBetween } from '../../../../src/domain/period';
import { LoadError, Page } from '../../components/Page';
import { ApiError } from '../../lib/api';
import { useT } from '../../shared/i18n';
import { STAGE_NAMES, labelT, useMoney } from '../../shared/labels';
import { useCan, useMe } from '../../shared/session';
import { useCreateEntry } from './api/create-entry';
import { useDeleteEntry } from './api/delete-entry';
import { useEntries } from './api/get-entries';
import { useLock } from './api/get-lock';
import { useLocks } from './api/get-locks';
import { useProjectOptions } from './api/get-project-options';
import { useSaveBatch } from './api/save-batch';
import { parsePasted, planPaste, type GridValues, type PastePlanRow } from './paste';
import { useSubmission } from './api/get-submission';
import { useSubmissionAction } from './api/submission-action';
import { useUnits } from '../../shared/api/units';
import { AttachmentsButton, EntryStatusTag, LockBanner, PeriodPicker, ReasonModal, SubmissionStatusTag, defaultPeriod } from './common';
import { Money } from '../../shared/Money';

interface Row {
  key: string;
  entry?: FundEntry;
  projectCode: string;
  amount: string;
  foreign: string;
  note: string;
  dirty: boolean;
}

const rowFromEntry = (e: FundEntry): Row => ({
  key: `e${e.id}`,
  entry: e,
  projectCode: e.projectCode,
  amount: yuanToWanText(e.amountYuan),
  foreign: e.foreignUsd ? yuanToWanText(e.foreignUsd) : '',
  note: e.note ?? '',
  dirty: false,
});
let seq = 0;
const blankRow = (): Row => ({ key: `n${++seq}`, projectCode: '', amount: '', foreign: '', note: '', dirty: false });

export function EntryPage() {
  const t = useT();
  const { formatWan, formatWanUsd } = useMoney();
  const stageText = (s: string) => labelT(t, STAGE_NAMES, s);
  const me = useMe();
  const { message, modal } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? defaultPeriod();
  const unitCode = me.cityWide ? (params.get('unit') ?? undefined) : (me.unitCode ?? undefined);
  const setQuery = (k: string, v: string) => {
    const n = new URLSearchParams(params);
    n.set(k, v);
    setParams(n, { replace: true });
  };

  const canWrite = useCan('fund.write');
  const canSubmit = useCan('submission.submit');
  const canApprove = useCan('submission.approve');
  const canVerify = useCan('fund.verify');
  const units = useUnits();
  const entries = useEntries({ unitCode, period }, !!unitCode);
  const projects = useProjectOptions(unitCode);
  const submission = useSubmission(unitCode, period);
  const lock = useLock(period);
  const saveBatch = useSaveBatch();
  const delEntry = useDeleteEntry();
  const subAction = useSubmissionAction();

  const [rows, setRows] = useState<Row[]>([blankRow()]);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [warnings, setWarnings] = useState<string[]>([]);
  const [pasteOpen, setPasteOpen] = useState(false);
  const [pasteText, setPasteText] = useState('');
  const [adjOpen, setAdjOpen] = useState(false);
  const [returnOpen, setReturnOpen] = useState(false);
  const gridRef = useRef<HTMLDivElement>(null);

  const projectMap = useMemo(() => new Map((projects.data ?? []).map((p) => [p.code, p])), [projects.data]);
  const regular = useMemo(() => (entries.data ?? []).filter((e) => e.kind === 'regular'), [entries.data]);
  const adjustments = useMemo(() => (entries.data ?? []).filter((e) => e.kind === 'adjustment'), [entries.data]);

  // Server rows replace clean rows; rows the user is still editing are kept.
  useEffect(() => {
    setRows((prev) => {
      const dirty = new Map(prev.filter((r) => r.dirty && r.projectCode).map((r) => [r.projectCode, r]));
      const fromServer = regular.map((e) => {
        const d = dirty.get(e.projectCode);
        if (d) {
          dirty.delete(e.projectCode);
          return { ...d, key: `e${e.id}`, entry: e };
        }
        return rowFromEntry(e);
      });
      return [...fromServer, ...dirty.values(), blankRow()];
    });
  }, [regular]);
  useEffect(() => {
    setWarnings([]);
    setSaveError(null);
    setRowErrors({});
    setRows([blankRow()]);
  }, [unitCode, period]);

  const locked = !!lock.data?.locked;
  const subStatus = submission.data?.status ?? 'not_started';
  const monthOpen = !locked && ['not_started', 'draft', 'returned'].includes(subStatus);
  const rowEditable = (r: Row) => canWrite && monthOpen && (!r.entry || ['draft', 'returned'].includes(r.entry.status));
  const dirtyRows = rows.filter((r) => r.dirty && r.projectCode);

  const update = (key: string, patch: Partial<Row>) =>
    setRows((prev) => {
      const next = prev.map((r) => (r.key === key ? { ...r, ...patch, dirty: true } : r));
      const last = next[next.length - 1];
      return last && (last.projectCode || last.amount) ? [...next, blankRow()] : next;
    });

  // Enter moves down the same column (Tab moves across, as in any form).
  const focusCell = (rowIndex: number, col: string) => {
    const el = gridRef.current?.querySelector<HTMLElement>(`[data-cell="${rowIndex}:${col}"] input, input[data-cell="${rowIndex}:${col}"]`);
    el?.focus();
    if (el instanceof HTMLInputElement) el.select();
  };
  const onCellKey = (rowIndex: number, col: string) => (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      focusCell(rowIndex + 1, col);
    }
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusCell(rowIndex + 1, col);
    }
    if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusCell(rowIndex - 1, col);
    }
    if ((e.ctrlKey || e.metaKey) && e.key === 's') {
      e.preventDefault();
      void save();
    }
  };

  const cellError = (r: Row, col: 'amount' | 'foreign') => {
    if (!r.dirty || !r.projectCode) return false;
    const v = col === 'amount' ? r.amount : r.foreign;
    if (col === 'foreign' && v.trim() === '') return false;
    const n = parseWan(v);
    return n === null || (col === 'amount' ? n <= 0 : n < 0);
  };

  async function save() {
    setSaveError(null);
    setRowErrors({});
    if (!dirtyRows.length) {
      message.info(t('没有需要保存的修改', 'Nothing to save'));
      return;
    }
    const bad = dirtyRows.filter((r) => cellError(r, 'amount') || cellError(r, 'foreign'));
    if (bad.length) {
      setSaveError(t(`有 ${bad.length} 行金额格式不正确（万元，最多4位小数），请修改后再保存`, 'Some amounts are invalid'));
      return;
    }
    try {
      const res = await saveBatch.mutateAsync({
        period,
        rows: dirtyRows.map((r) => ({
          projectCode: r.projectCode,
          amountYuan: parseWan(r.amount)!,
          foreignUsd: r.foreign.trim() ? parseWan(r.foreign)! : 0,
          note: r.note || null,
          replace: !!r.entry,
        })),
      });
      setRows((prev) => prev.map((r) => (r.dirty ? { ...r, dirty: false } : r)));
      setWarnings(res.items.flatMap((i) => i.warnings.map((w) => `${i.entry.projectCode}：${w}`)));
      message.success(t(`已保存 ${res.items.length} 行`, `Saved ${res.items.length} rows`));
    } catch (e) {
      setSaveError((e as Error).message);
      if (e instanceof ApiError && e.fields) {
        const errs: Record<string, string> = {};
        for (const [k, v] of Object.entries(e.fields)) {
          const m = /^rows\.(\d+)\./.exec(k);
          const r = m ? dirtyRows[Number(m[1])] : undefined;
          if (r) errs[r.key] = v;
        }
        setRowErrors(errs);
      }
    }
  }

  const doAction = async (action: 'submit' | 'approve' | 'return', reason?: string) => {
    if (!unitCode) return;
    try {
      const s = await subAction.mutateAsync({ unitCode, period, action, ...(reason ? { reason } : {}) });
      message.success(
        {
          submit: t('已报送，等待单位负责人审核', 'Submitted'),
          approve: t('已审核通过，报市招商办核实', 'Approved'),
          return: t('已退回', 'Returned'),
        }[action],
      );
      return s;
    } catch (e) {
      message.error((e as Error).message);
      setSaveError((e as Error).message);
    }
  };
  const confirmSubmit = () => {
    if (dirtyRows.length) {
      message.warning(t('还有未保存的修改，请先保存', 'Save your changes first'));
      return;
    }
    const total = regular.reduce((s, e) => s + e.amountYuan, 0) + adjustments.reduce((s, e) => s + e.amountYuan, 0);
    modal.confirm({
      title: t(`报送 ${period} 月报？`, `Submit ${period}?`),
      content:
        regular.length + adjustments.length === 0
          ? t('本月没有录入到位资金，将作为“本月无到位资金”报送。', 'No entries: this reports a month without funds.')
          : t(
              `共 ${regular.length + adjustments.length} 条，合计 ${formatWan(total)}。报送后不能再修改，除非被退回。`,
              `${regular.length + adjustments.length} entries, total ${formatWan(total)}. Once submitted they cannot be changed unless returned.`,
            ),
      okText: t('报送', 'Submit'),
      onOk: () => doAction('submit'),
    });
  };

  // What the grid holds per project, so the paste preview can say 新增 / 修改 X → Y / 重复.
  const gridValues = useMemo(
    () =>
      new Map<string, GridValues>(
        rows
          .filter((r) => r.projectCode)
          .map((r) => [r.projectCode, { amount: r.amount, foreign: r.foreign, note: r.note, editable: rowEditable(r) }]),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, canWrite, monthOpen],
  );
  // Ctrl+V of several Excel cells in any grid cell opens the same preview as the paste dialog;
  // a single value pastes into the cell as usual.
  const onGridPaste = (e: React.ClipboardEvent) => {
    const text = e.clipboardData.getData('text/plain');
    if (!canWrite || !monthOpen || !/[\t\n]/.test(text.replace(/\r?\n$/, ''))) return;
    e.preventDefault();
    setPasteText(text);
    setPasteOpen(true);
  };

  const total = rows.reduce((s, r) => s + (r.entry && (!r.dirty || !rowEditable(r)) ? r.entry.amountYuan : (parseWan(r.amount) ?? 0)), 0);
  const projectSelectOptions = (projects.data ?? [])
    .filter((p) => !rows.some((r) => r.projectCode === p.code))
    .map((p) => ({ value: p.code, label: `${p.code} ${p.name}`, title: `${stageText(p.stage)}` }));

  const columns = [
    { title: '#', key: 'i', width: 44, render: (_: unknown, __: Row, i: number) => i + 1 },
    {
      title: t('项目', 'Project'),
      key: 'project',
      width: 240,
      render: (_: unknown, r: Row, i: number) =>
        r.entry || (r.projectCode && !rowEditable(r)) ? (
          <div>
            <Typography.Text strong>{r.projectCode}</Typography.Text> {r.entry?.projectName ?? projectMap.get(r.projectCode)?.name}
            {rowErrors[r.key] && (
              <div>
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {rowErrors[r.key]}
                </Typography.Text>
              </div>
            )}
          </div>
        ) : rowEditable(r) ? (
          <div data-cell={`${i}:project`}>
            <Select
              showSearch
              style={{ width: '100%' }}
              placeholder={t('选择项目（输入编号或名称）', 'Pick a project')}
              value={r.projectCode || undefined}
              options={[
                ...(r.projectCode
                  ? [{ value: r.projectCode, label: `${r.projectCode} ${projectMap.get(r.projectCode)?.name ?? ''}` }]
                  : []),
                ...projectSelectOptions,
              ]}
              filterOption={(input, o) =>
                String(o?.label ?? '')
                  .toLowerCase()
                  .includes(input.toLowerCase())
              }
              onChange={(v: string) => {
                update(r.key, { projectCode: v });
                setTimeout(() => focusCell(i, 'amount'), 0);
              }}
              aria-label={t('项目', 'Project')}
              status={rowErrors[r.key] ? 'error' : undefined}
            />
            {rowErrors[r.key] && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {rowErrors[r.key]}
              </Typography.Text>
            )}
          </div>
        ) : null,
    },
    {
      title: t('阶段', 'Stage'),
      key: 'stage',
      width: 90,
      render: (_: unknown, r: Row) => {
        const p = projectMap.get(r.projectCode);
        return p ? (
          <Tag color={['lead', 'negotiating', 'intent', 'agreement', 'dropped'].includes(p.stage) ? 'orange' : undefined}>
            {stageText(p.stage)}
          </Tag>
        ) : null;
      },
    },
    {
      title: t('到位金额（万元）', 'Amount (10k CNY)'),
      key: 'amount',
      width: 130,
      align: 'right' as const,
      render: (_: unknown, r: Row, i: number) =>
        rowEditable(r) ? (
          <Input
            data-cell={`${i}:amount`}
            value={r.amount}
            inputMode="decimal"
            style={{ textAlign: 'right' }}
            status={cellError(r, 'amount') ? 'error' : undefined}
            disabled={!r.projectCode}
            onChange={(e) => update(r.key, { amount: e.target.value })}
            onKeyDown={onCellKey(i, 'amount')}
            aria-label={t('到位金额（万元）', 'Amount')}
          />
        ) : r.entry ? (
          yuanToWanText(r.entry.amountYuan)
        ) : null,
    },
    {
      title: t('其中外资（万美元）', 'of which foreign (10k USD)'),
      key: 'foreign',
      width: 130,
      align: 'right' as const,
      render: (_: unknown, r: Row, i: number) =>
        rowEditable(r) ? (
          <Input
            data-cell={`${i}:foreign`}
            value={r.foreign}
            inputMode="decimal"
            style={{ textAlign: 'right' }}
            status={cellError(r, 'foreign') ? 'error' : undefined}
            disabled={!r.projectCode}
            onChange={(e) => update(r.key, { foreign: e.target.value })}
            onKeyDown={onCellKey(i, 'foreign')}
            aria-label={t('其中外资（万美元）', 'Foreign')}
          />
        ) : r.entry && r.entry.foreignUsd ? (
          yuanToWanText(r.entry.foreignUsd)
        ) : (
          ''
        ),
    },
    {
      title: t('备注', 'Note'),
      key: 'note',
      width: 160,
      render: (_: unknown, r: Row, i: number) =>
        rowEditable(r) ? (
          <Input
            data-cell={`${i}:note`}
            value={r.note}
            maxLength={500}
            disabled={!r.projectCode}
            onChange={(e) => update(r.key, { note: e.target.value })}
            onKeyDown={onCellKey(i, 'note')}
            aria-label={t('备注', 'Note')}
          />
        ) : (
          r.note
        ),
    },
    {
      title: t('状态', 'Status'),
      key: 'status',
      width: 150,
      render: (_: unknown, r: Row) => (
        <Space direction="vertical" size={0}>
          {r.entry ? <EntryStatusTag status={r.entry.status} /> : r.projectCode ? <Tag>{t('新增', 'New')}</Tag> : null}
          {r.dirty && r.projectCode && rowEditable(r) && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('未保存', 'Unsaved')}
            </Typography.Text>
          )}
          {r.entry?.status === 'returned' && r.entry.returnedReason && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('退回原因：', 'Reason: ')}
              {r.entry.returnedReason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('凭证', 'Evidence'),
      key: 'att',
      width: 70,
      render: (_: unknown, r: Row) => (r.entry ? <AttachmentsButton entry={r.entry} editable={rowEditable(r)} /> : null),
    },
    {
      title: '',
      key: 'ops',
      width: 50,
      render: (_: unknown, r: Row) =>
        !rowEditable(r) || !r.projectCode ? null : r.entry ? (
          <Popconfirm
            title={t('删除这条到位资金？', 'Delete this entry?')}
            onConfirm={() => delEntry.mutateAsync(r.entry!.id).catch((e: Error) => message.error(e.message))}
          >
            <Button type="text" danger size="small" icon={<DeleteOutlined />} tabIndex={-1} aria-label={t('删除', 'Delete')} />
          </Popconfirm>
        ) : (
          <Button
            type="text"
            size="small"
            icon={<DeleteOutlined />}
            tabIndex={-1}
            aria-label={t('移除', 'Remove')}
            onClick={() => setRows((p) => p.filter((x) => x.key !== r.key))}
          />
        ),
    },
  ];

  const unitOptions = (units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.code, label: `${u.code} ${u.name}` }));

  return (
    <Page
      title={t('到位资金月度填报', 'Monthly funds entry')}
      subTitle={t(
        '金额以万元录入（最多4位小数），其中外资以万美元录入；到位金额包含外资部分',
        'Amounts in 10k CNY; foreign part in 10k USD, included in the amount',
      )}
      extra={
        <>
          {me.cityWide && (
            <Select
              showSearch
              style={{ width: 220 }}
              placeholder={t('选择单位', 'Unit')}
              value={unitCode}
              options={unitOptions}
              filterOption={(i, o) => String(o?.label ?? '').includes(i)}
              onChange={(v: string) => setQuery('unit', v)}
              aria-label={t('单位', 'Unit')}
            />
          )}
          <PeriodPicker value={period} onChange={(p) => setQuery('period', p)} />
        </>
      }
    >
      {!unitCode ? (
        <Alert
          type="info"
          showIcon
          message={me.cityWide ? t('请选择单位', 'Choose a unit') : t('您的账号未关联单位，请联系系统管理员', 'Your account has no unit')}
        />
      ) : (
        <>
          <LockBanner lock={lock.data} />
          {entries.error && <LoadError error={entries.error} retry={() => entries.refetch()} />}
          <Card size="small" style={{ marginBottom: 12 }}>
            <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 4 }}
                items={[
                  { key: 's', label: t('月报状态', 'Submission'), children: <SubmissionStatusTag status={subStatus} /> },
                  { key: 'n', label: t('条目', 'Entries'), children: submission.data?.counts.total ?? 0 },
                  { key: 'a', label: t('合计', 'Total'), children: formatWan(submission.data?.amountYuan ?? 0) },
                  { key: 'v', label: t('已核实', 'Verified'), children: formatWan(submission.data?.verifiedYuan ?? 0) },
                ]}
              />
              <Space wrap>
                {canSubmit && monthOpen && (
                  <Button type="primary" icon={<SendOutlined />} onClick={confirmSubmit} loading={subAction.isPending}>
                    {subStatus === 'returned' ? t('修改后重新报送', 'Resubmit') : t('报送月报', 'Submit')}
                  </Button>
                )}
                {canApprove && !locked && subStatus === 'submitted' && (
                  <Button type="primary" icon={<CheckOutlined />} onClick={() => doAction('approve')} loading={subAction.isPending}>
                    {t('审核通过', 'Approve')}
                  </Button>
                )}
                {!locked && ((canApprove && subStatus === 'submitted') || (canVerify && subStatus === 'approved')) && (
                  <Button danger icon={<RollbackOutlined />} onClick={() => setReturnOpen(true)}>
                    {t('退回', 'Return')}
                  </Button>
                )}
              </Space>
            </Space>
            {subStatus === 'returned' && submission.data?.returnedReason && (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 8 }}
                message={`${t('退回原因：', 'Returned: ')}${submission.data.returnedReason}`}
                description={t('请修改被退回的条目后重新报送', 'Fix the returned entries and submit again')}
              />
            )}
            {subStatus === 'submitted' && (
              <Typography.Text type="secondary">
                {t(
                  `报送人 ${submission.data?.submittedBy ?? ''}，${submission.data?.submittedAt?.slice(0, 16).replace('T', ' ') ?? ''}；等待单位负责人审核`,
                  'Waiting for the unit head',
                )}
              </Typography.Text>
            )}
          </Card>

          {saveError && (
            <Alert
              type="error"
              showIcon
              closable
              onClose={() => setSaveError(null)}
              style={{ marginBottom: 12 }}
              message={saveError}
              data-testid="save-error"
            />
          )}
          {warnings.length > 0 && (
            <Alert
              type="warning"
              showIcon
              closable
              onClose={() => setWarnings([])}
              style={{ marginBottom: 12 }}
              message={t('已保存，但请核对以下提醒：', 'Saved — please check:')}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              }
              data-testid="warnings"
            />
          )}

          <div ref={gridRef} onPaste={onGridPaste}>
            <Table<Row>
              size="small"
              rowKey="key"
              pagination={false}
              loading={entries.isLoading || projects.isLoading}
              columns={columns}
              dataSource={monthOpen && canWrite ? rows : rows.filter((r) => r.entry)}
              scroll={{ x: 1060 }}
              locale={{ emptyText: t('本月尚无到位资金', 'No entries this month') }}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={3}>
                    <Typography.Text strong>{t('合计', 'Total')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    <Typography.Text strong data-testid="grid-total">
                      {yuanToWanText(total)}
                    </Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} colSpan={5} />
                </Table.Summary.Row>
              )}
            />
          </div>
          {canWrite && monthOpen && (
            <Space style={{ marginTop: 12 }} wrap>
              <Button type="primary" icon={<SaveOutlined />} onClick={save} loading={saveBatch.isPending} disabled={!dirtyRows.length}>
                {t('保存', 'Save')}
                {dirtyRows.length ? `（${dirtyRows.length}）` : ''}
              </Button>
              <Button
                icon={<SnippetsOutlined />}
                onClick={() => {
                  setPasteText('');
                  setPasteOpen(true);
                }}
              >
                {t('从Excel粘贴', 'Paste from Excel')}
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => setAdjOpen(true)}>
                {t('录入调整数（更正已锁定月份）', 'Adjustment of a locked month')}
              </Button>
              <Typography.Text type="secondary">
                {t(
                  'Tab 横向移动，Enter 下移一行，Ctrl+S 保存；在表格中 Ctrl+V 可粘贴Excel多行',
                  'Tab moves right, Enter moves down, Ctrl+S saves, Ctrl+V pastes Excel rows',
                )}
              </Typography.Text>
            </Space>
          )}

          {adjustments.length > 0 && (
            <Card size="small" title={t('调整数', 'Adjustments')} style={{ marginTop: 16 }}>
              <Table<FundEntry>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={adjustments}
                columns={[
                  { title: t('项目', 'Project'), render: (_, e) => `${e.projectCode} ${e.projectName}` },
                  { title: t('更正报告期', 'Corrects'), dataIndex: 'adjustsPeriod' },
                  { title: t('调整金额', 'Amount'), align: 'right', render: (_, e) => <Money>{formatWan(e.amountYuan, 4)}</Money> },
                  { title: t('其中外资', 'Foreign'), align: 'right', render: (_, e) => (e.foreignUsd ? formatWanUsd(e.foreignUsd) : '') },
                  { title: t('说明', 'Note'), dataIndex: 'note' },
                  { title: t('状态', 'Status'), render: (_, e) => <EntryStatusTag status={e.status} /> },
                  {
                    title: t('凭证', 'Evidence'),
                    render: (_, e) => (
                      <AttachmentsButton entry={e} editable={canWrite && monthOpen && ['draft', 'returned'].includes(e.status)} />
                    ),
                  },
                  {
                    title: '',
                    render: (_, e) =>
                      canWrite && monthOpen && ['draft', 'returned'].includes(e.status) ? (
                        <Popconfirm
                          title={t('删除这条调整数？', 'Delete?')}
                          onConfirm={() => delEntry.mutateAsync(e.id).catch((x: Error) => message.error(x.message))}
                        >
                          <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('删除', 'Delete')} />
                        </Popconfirm>
                      ) : null,
                  },
                ]}
              />
            </Card>
          )}

          <PasteModal
            open={pasteOpen}
            onClose={() => setPasteOpen(false)}
            projects={projectMap}
            grid={gridValues}
            initialText={pasteText}
            onApply={(plan, mode) => {
              // 添加 only brings new projects in; 替换 also writes the changed values over the grid's rows.
              const applied = plan.filter((p) => p.kind === 'new' || (mode === 'replace' && p.kind === 'change'));
              setRows((prev) => {
                const next = prev.filter((r) => r.projectCode || r.dirty);
                for (const p of applied) {
                  const values = { amount: p.amount, foreign: p.foreign, note: p.note, dirty: true };
                  const idx = next.findIndex((r) => r.projectCode === p.code);
                  if (idx >= 0) next[idx] = { ...next[idx]!, ...values };
                  else next.push({ ...blankRow(), projectCode: p.code, ...values });
                }
                return [...next, blankRow()];
              });
              setPasteOpen(false);
              const skipped = plan.length - applied.length;
              message.info(
                t(
                  `已放入表格 ${applied.length} 行${skipped ? `，未采用 ${skipped} 行` : ''}，核对后点“保存”`,
                  `${applied.length} rows placed in the grid${skipped ? `, ${skipped} left out` : ''}; review and save`,
                ),
              );
            }}
          />
          <AdjustmentModal open={adjOpen} onClose={() => setAdjOpen(false)} period={period} projects={projects.data ?? []} />
          <ReasonModal
            open={returnOpen}
            title={t('退回月报', 'Return the submission')}
            onClose={() => setReturnOpen(false)}
            onOk={async (reason) => {
              const r = await doAction('return', reason);
              if (r) setReturnOpen(false);
            }}
          />
        </>
      )}
    </Page>
  );
}

function PasteModal({
  open,
  onClose,
  projects,
  grid,
  initialText,
  onApply,
}: {
  open: boolean;
  onClose: () => void;
  projects: Map<string, ProjectOption>;
  grid: Map<string, GridValues>;
  initialText: string;
  onApply: (rows: PastePlanRow[], mode: 'add' | 'replace') => void;
}) {
  const t = useT();
  const [text, setText] = useState(initialText);
  const [mode, setMode] = useState<'add' | 'replace'>('add');
  useEffect(() => {
    if (open) {
      setText(initialText);
      setMode('add');
    }
  }, [open, initialText]);
  const plan = useMemo(() => planPaste(parsePasted(text, projects, t), grid, t), [text, projects, grid, t]);
  const count = (k: PastePlanRow['kind']) => plan.filter((p) => p.kind === k).length;
  const errors = count('error');
  const changes = count('change');
  const taken = count('new') + (mode === 'replace' ? changes : 0);
  const kindTag = (p: PastePlanRow) =>
    ({
      new: <Tag color="success">{t('新增', 'New')}</Tag>,
      change: (
        <Tag color={mode === 'replace' ? 'warning' : 'default'}>
          {mode === 'replace' ? t('修改', 'Change') : t('修改（不采用）', 'Change (left out)')}
        </Tag>
      ),
      same: <Tag>{t('重复', 'Duplicate')}</Tag>,
      fixed: <Tag color="default">{t('已报送，不能修改', 'Submitted, cannot change')}</Tag>,
      error: <Tag color="error">{t('有问题', 'Problem')}</Tag>,
    })[p.kind];
  return (
    <Modal
      open={open}
      onCancel={onClose}
      width={960}
      title={t('从Excel粘贴', 'Paste from Excel')}
      destroyOnHidden
      okText={t(`放入表格（${taken} 行）`, `Place in grid (${taken})`)}
      okButtonProps={{ disabled: !taken || errors > 0 }}
      onOk={() => {
        onApply(plan, mode);
        setText('');
      }}
    >
      <Typography.Paragraph type="secondary">
        {t(
          '在Excel中选中四列复制后粘贴到下面：项目编号、到位金额(万元)、其中外资(万美元)、备注。可带表头行；金额可带千分位、全角数字。',
          'Copy four columns from Excel: project code, amount (10k CNY), foreign (10k USD), note. A header row is skipped.',
        )}
      </Typography.Paragraph>
      <Input.TextArea
        rows={6}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-label={t('粘贴区', 'Paste area')}
        placeholder={t(
          '项目编号\t到位金额(万元)\t其中外资(万美元)\t备注\nXM-2026-001\t1200.5\t100\t首期出资',
          'Project code\tAmount (10k CNY)\tForeign (10k USD)\tNote\nXM-2026-001\t1200.5\t100\tFirst tranche',
        )}
        style={{ fontFamily: 'monospace' }}
      />
      {plan.length > 0 && (
        <>
          <Space wrap style={{ marginTop: 12, width: '100%', justifyContent: 'space-between' }}>
            <Typography.Text data-testid="paste-summary">
              {t(
                `共 ${plan.length} 行：新增 ${count('new')}，修改 ${changes}，重复 ${count('same')}`,
                `${plan.length} rows: ${count('new')} new, ${changes} changed, ${count('same')} duplicates`,
              )}
              {count('fixed') ? t(`，已报送不能修改 ${count('fixed')}`, `, ${count('fixed')} locked`) : ''}
              {errors ? (
                <Typography.Text type="danger">
                  {t(`，其中 ${errors} 行有问题，请在Excel中修正后重新粘贴`, `, ${errors} with problems`)}
                </Typography.Text>
              ) : null}
            </Typography.Text>
            {changes > 0 && (
              <Radio.Group
                value={mode}
                onChange={(e) => setMode(e.target.value as 'add' | 'replace')}
                optionType="button"
                aria-label={t('已有的行', 'Existing rows')}
                options={[
                  { value: 'add', label: t('添加（只放入新增的行）', 'Add (new rows only)') },
                  { value: 'replace', label: t('替换（修改已有的行）', 'Replace (change existing rows)') },
                ]}
              />
            )}
          </Space>
          <Table
            size="small"
            rowKey="line"
            pagination={false}
            scroll={{ y: 300 }}
            dataSource={plan}
            data-testid="paste-preview"
            style={{ marginTop: 8 }}
            columns={[
              { title: t('行', 'Line'), dataIndex: 'line', width: 50 },
              { title: t('项目编号', 'Code'), dataIndex: 'code', width: 120 },
              { title: t('项目名称', 'Name'), dataIndex: 'name' },
              { title: t('到位金额(万元)', 'Amount'), dataIndex: 'amount', align: 'right', width: 110 },
              { title: t('其中外资(万美元)', 'Foreign'), dataIndex: 'foreign', align: 'right', width: 110 },
              { title: t('备注', 'Note'), dataIndex: 'note', ellipsis: true },
              {
                title: t('处理', 'Action'),
                width: 230,
                render: (_, p) => (
                  <Space direction="vertical" size={0}>
                    {kindTag(p)}
                    {p.changes.map((c) => (
                      <Typography.Text key={c} style={{ fontSize: 12 }}>
                        {c}
                      </Typography.Text>
                    ))}
                    {p.errors.length > 0 && (
                      <Typography.Text type="danger" style={{ fontSize: 12 }}>
                        {p.errors.join('；')}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}

function AdjustmentModal({
  open,
  onClose,
  period,
  projects,
}: {
  open: boolean;
  onClose: () => void;
  period: string;
  projects: ProjectOption[];
}) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const locks = useLocks();
  const create = useCreateEntry();
  const lockedBefore = (locks.data ?? []).map((l) => l.period).filter((p) => monthsBetween(p, period) > 0);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const r = await create.mutateAsync({
        projectId: v.projectId,
        period,
        kind: 'adjustment',
        adjustsPeriod: v.adjustsPeriod,
        amountYuan: parseWan(v.amount)!,
        foreignUsd: v.foreign ? parseWan(v.foreign)! : 0,
        note: v.note || null,
      });
      message.success(t('调整数已保存（草稿），随本月月报一起报送', 'Adjustment saved'));
      r.warnings.forEach((w) => message.warning(w));
      form.resetFields();
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.fields)
        form.setFields(
          Object.entries(e.fields)
            .filter(([k]) => ['projectId', 'adjustsPeriod'].includes(k))
            .map(([name, err]) => ({ name, errors: [err] })),
        );
      message.error((e as Error).message);
    }
  };
  const wanRule = (allowNegative: boolean) => ({
    validator: (_: unknown, v: string) => {
      if (!v) return Promise.resolve();
      const n = parseWan(v);
      return n === null || (!allowNegative && n < 0)
        ? Promise.reject(new Error(t('请输入万元数，最多4位小数', 'Up to 4 decimals')))
        : Promise.resolve();
    },
  });
  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={create.isPending}
      destroyOnHidden
      title={t(`录入调整数（录入于 ${period}）`, `Adjustment entered in ${period}`)}
      okText={t('保存', 'Save')}
    >
      <Typography.Paragraph type="secondary">
        {t(
          '已锁定（封账）月份的数据不能再改；差额作为调整数录入在本报告期，随本月月报报送、核实。减少请填负数。',
          'Locked months cannot change; enter the difference here (negative to reduce).',
        )}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true, message: t('请选择项目', 'Required') }]}>
          <Select
            showSearch
            options={projects.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
            filterOption={(i, o) => String(o?.label ?? '').includes(i)}
          />
        </Form.Item>
        <Form.Item
          name="adjustsPeriod"
          label={t('更正的报告期（已锁定）', 'Corrects period (locked)')}
          rules={[{ required: true, message: t('请选择', 'Required') }]}
          extra={lockedBefore.length ? undefined : t('没有已锁定的更早月份；未锁定的月份请直接修改', 'No locked earlier period')}
        >
          <Select options={lockedBefore.map((p) => ({ value: p, label: p }))} />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('调整金额（万元，可为负）', 'Amount (10k CNY, may be negative)')}
          rules={[{ required: true, message: t('请填写', 'Required') }, wanRule(true)]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="foreign" label={t('其中外资调整（万美元）', 'Foreign (10k USD)')} rules={[wanRule(true)]}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="note" label={t('调整说明', 'Explanation')} rules={[{ required: true, message: t('请说明调整原因', 'Required') }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
