// 目标责任状: the grid year × unit × indicator (city office edits), progress against time, and each
// unit's split of its target among its people or teams (再分解).
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Progress,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { EditOutlined, PlusOutlined, DeleteOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Target, TargetIndicatorCode, TargetProgressList } from '../../../../src/contracts/targets';
import type { Unit } from '../../../../src/contracts/units';
import { formatPercent, parseWan, yuanToWanText } from '../../../../src/domain/money';
import { isBehind } from '../../../../src/domain/stats';
import { ApiError } from '../../lib/api';
import { useUnits } from '../../shared/api/units';
import { targetsKeys } from './api/keys';
import { useProgress } from './api/get-progress';
import { createSplit, createTarget, deleteSplit, deleteTarget, updateTarget } from './api/target-writes';
import { LoadError, Page } from '../../components/Page';
import { useT } from '../../shared/i18n';
import { useMoney, type Pair } from '../../shared/labels';
import { useCan, useMe } from '../../shared/session';

const INDICATORS: { key: TargetIndicatorCode; label: Pair; unit: Pair }[] = [
  { key: 'funds', label: ['到位资金', 'Funds in place'], unit: ['万元', '10k CNY'] },
  { key: 'foreign', label: ['利用外资', 'Foreign investment'], unit: ['万美元', '10k USD'] },
  { key: 'contracts', label: ['签约项目数', 'Contracts signed'], unit: ['个', 'count'] },
];
/** A target value as shown: money in the current language, or a count. */
function useShow() {
  const t = useT();
  const { formatTotal, formatWanUsd } = useMoney();
  // Targets are totals: funds read in 亿元 from one 亿 up, like the dashboard.
  return (ind: TargetIndicatorCode, v: number | null | undefined) =>
    v === null || v === undefined ? '—' : ind === 'funds' ? formatTotal(v) : ind === 'foreign' ? formatWanUsd(v) : t(`${v}个`, String(v));
}
/** Typed text in 万 (or a count) → stored integer; null when empty, undefined when invalid. */
const toStored = (ind: TargetIndicatorCode, text: string | number | null | undefined): number | null | undefined => {
  if (text === null || text === undefined || String(text).trim() === '') return null;
  if (ind === 'contracts') {
    const n = Number(text);
    return Number.isInteger(n) && n >= 0 ? n : undefined;
  }
  const v = parseWan(String(text));
  return v === null || v < 0 ? undefined : v;
};
const toText = (ind: TargetIndicatorCode, v: number | null | undefined) =>
  v === null || v === undefined ? '' : ind === 'contracts' ? String(v) : yuanToWanText(v);

type ProgressItem = TargetProgressList['items'][number];

function EditModal({ unit, year, targets, onClose }: { unit: Unit; year: number; targets: Target[]; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const initial = Object.fromEntries(
    INDICATORS.flatMap((i) => {
      const tg = targets.find((x) => x.indicator === i.key);
      return [
        [`${i.key}.base`, toText(i.key, tg?.baseValue)],
        [`${i.key}.stretch`, toText(i.key, tg?.stretchValue)],
      ];
    }),
  );
  const save = async () => {
    const v = form.getFieldsValue() as Record<string, string>;
    const errors: { name: string; errors: string[] }[] = [];
    const jobs: (() => Promise<unknown>)[] = [];
    for (const i of INDICATORS) {
      const base = toStored(i.key, v[`${i.key}.base`]);
      const stretch = toStored(i.key, v[`${i.key}.stretch`]);
      if (base === undefined)
        errors.push({
          name: `${i.key}.base`,
          errors: [
            i.key === 'contracts'
              ? t('应为整数', 'Must be a whole number')
              : t('应为数字，最多4位小数', 'Must be a number, up to 4 decimals'),
          ],
        });
      if (stretch === undefined)
        errors.push({
          name: `${i.key}.stretch`,
          errors: [
            i.key === 'contracts'
              ? t('应为整数', 'Must be a whole number')
              : t('应为数字，最多4位小数', 'Must be a number, up to 4 decimals'),
          ],
        });
      if (base === undefined || stretch === undefined) continue;
      const existing = targets.find((x) => x.indicator === i.key);
      if (base === null) {
        if (existing) jobs.push(() => deleteTarget(existing.id, existing.version));
        continue;
      }
      if (!existing) jobs.push(() => createTarget({ year, unitCode: unit.code, indicator: i.key, baseValue: base, stretchValue: stretch }));
      else if (existing.baseValue !== base || existing.stretchValue !== stretch)
        jobs.push(() => updateTarget(existing.id, { baseValue: base, stretchValue: stretch, version: existing.version }));
    }
    if (errors.length) {
      form.setFields(errors);
      return;
    }
    setBusy(true);
    try {
      for (const j of jobs) await j();
      message.success(t('目标已保存', 'Saved'));
      await qc.invalidateQueries({ queryKey: targetsKeys.all });
      onClose();
    } catch (e) {
      message.error((e as Error).message);
      if (e instanceof ApiError && e.code === 'stale') await qc.invalidateQueries({ queryKey: targetsKeys.all });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t(`${year}年 ${unit.name} 目标责任状`, `${unit.name} targets, ${year}`)}
      onOk={save}
      onCancel={onClose}
      confirmLoading={busy}
      okText={t('保存', 'Save')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        {INDICATORS.map((i) => (
          <Space key={i.key} align="start" wrap>
            <Form.Item name={`${i.key}.base`} label={t(`${i.label[0]}·确保（${i.unit[0]}）`, `${i.label[1]} · Base (${i.unit[1]})`)}>
              <Input style={{ width: 180 }} inputMode="decimal" />
            </Form.Item>
            <Form.Item name={`${i.key}.stretch`} label={t(`${i.label[0]}·力争（${i.unit[0]}）`, `${i.label[1]} · Stretch (${i.unit[1]})`)}>
              <Input style={{ width: 180 }} inputMode="decimal" />
            </Form.Item>
          </Space>
        ))}
        <Typography.Text type="secondary">
          {t(
            '确保目标留空即删除该项目标。金额按万元、万美元填写，最多4位小数。',
            'Leave Base empty to remove the target. Amounts in 10k CNY / 10k USD, up to 4 decimals.',
          )}
        </Typography.Text>
      </Form>
    </Modal>
  );
}

function Splits({ p, canEdit }: { p: ProgressItem; canEdit: boolean }) {
  const t = useT();
  const show = useShow();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [assignee, setAssignee] = useState('');
  const [value, setValue] = useState<string | null>(null);
  const ind = p.target.indicator;
  const run = useMutation({
    mutationFn: (f: () => Promise<unknown>) => f(),
    onSuccess: () => qc.invalidateQueries({ queryKey: targetsKeys.all }),
    onError: (e) => message.error((e as Error).message),
  });
  const add = () => {
    const v = toStored(ind, value);
    if (!assignee.trim() || v === undefined || v === null) {
      message.warning(t('请填写责任人和目标值', 'Assignee and value required'));
      return;
    }
    run.mutate(() =>
      createSplit(p.target.id, { assignee: assignee.trim(), baseValue: v }).then(() => {
        setAssignee('');
        setValue(null);
      }),
    );
  };
  return (
    <div style={{ paddingLeft: 24 }}>
      <Typography.Text strong>
        {t(
          `${p.target.unitName} ${INDICATORS.find((i) => i.key === ind)!.label[0]}目标分解`,
          `${p.target.unitName}: ${INDICATORS.find((i) => i.key === ind)!.label[1]} target split`,
        )}
      </Typography.Text>
      <Typography.Text type="secondary">
        {t('（按项目责任人统计完成情况）', ' (progress of projects whose owner is the assignee)')}
      </Typography.Text>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        style={{ marginTop: 8, maxWidth: 820 }}
        dataSource={p.splits}
        locale={{ emptyText: t('尚未分解', 'Not split') }}
        columns={[
          { title: t('责任人/小组', 'Assignee'), dataIndex: 'assignee' },
          { title: t('分解目标', 'Target'), render: (_, s) => show(ind, s.baseValue) },
          { title: t('已完成', 'Achieved'), render: (_, s) => show(ind, s.actual) },
          {
            title: t('完成率', 'Completion'),
            render: (_, s) => <Progress percent={Math.round((s.completion ?? 0) * 1000) / 10} size="small" style={{ width: 140 }} />,
          },
          ...(canEdit
            ? [
                {
                  title: '',
                  width: 60,
                  render: (_: unknown, s: ProgressItem['splits'][number]) => (
                    <Popconfirm title={t('删除该分解目标？', 'Delete?')} onConfirm={() => run.mutate(() => deleteSplit(s.id, s.version))}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('删除', 'Delete')} />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('未分解到人的项目', 'Unassigned projects')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1}>—</Table.Summary.Cell>
            <Table.Summary.Cell index={2}>{show(ind, p.unassignedActual)}</Table.Summary.Cell>
            <Table.Summary.Cell index={3} />
          </Table.Summary.Row>
        )}
      />
      {canEdit && (
        <Space style={{ marginTop: 8 }}>
          <Input
            placeholder={t('责任人（与项目责任人一致）', 'Assignee (project owner)')}
            value={assignee}
            onChange={(e) => setAssignee(e.target.value)}
            style={{ width: 220 }}
          />
          <InputNumber<string>
            stringMode
            placeholder={t(...INDICATORS.find((i) => i.key === ind)!.unit)}
            value={value}
            onChange={(v) => setValue(v)}
            style={{ width: 160 }}
          />
          <Button icon={<PlusOutlined />} onClick={add} loading={run.isPending}>
            {t('添加分解', 'Add split')}
          </Button>
        </Space>
      )}
    </div>
  );
}

export function TargetsPage() {
  const t = useT();
  const show = useShow();
  const me = useMe();
  const canWrite = useCan('target.write');
  const canApprove = useCan('submission.approve');
  const [params, setParams] = useSearchParams();
  // 截至: a month (period) picks the year and how far its progress runs; the latest when none.
  const period = params.get('period') ?? undefined;
  const year = period ? Number(period.slice(0, 4)) : Number(params.get('year') ?? dayjs().year());
  const [compare, setCompare] = useState(false);
  const [editing, setEditing] = useState<Unit | null>(null);
  const units = useUnits();
  const progress = useProgress({ year, period });
  // 对比上年: last year's result (achieved and completion), not only its target.
  const lastYear = useProgress({ year: year - 1, period: period ? `${year - 1}${period.slice(4)}` : undefined }, compare);

  const rows = useMemo(() => {
    const visible = (units.data ?? []).filter((u) => u.active && (me.cityWide || u.code === me.unitCode || u.kind === 'city'));
    return visible.map((u) => ({ unit: u, items: (progress.data?.items ?? []).filter((p) => p.target.unitCode === u.code) }));
  }, [units.data, progress.data, me]);
  const tp = progress.data?.timeProgress ?? 0;

  const cell = (ind: TargetIndicatorCode) => (_: unknown, r: (typeof rows)[number]) => {
    const p = r.items.find((x) => x.target.indicator === ind);
    const last = lastYear.data?.items.find((x) => x.target.unitCode === r.unit.code && x.target.indicator === ind);
    if (!p)
      return (
        <Typography.Text type="secondary">
          —
          {compare && last ? (
            <div style={{ fontSize: 12 }}>
              {t('上年完成', 'LY achieved')} {show(ind, last.actual)}
            </div>
          ) : null}
        </Typography.Text>
      );
    const behind = isBehind(p.completion, tp);
    return (
      <div style={{ minWidth: 150 }}>
        <div style={{ whiteSpace: 'nowrap' }}>
          {show(ind, p.target.baseValue)}
          <Typography.Text type="secondary"> / {show(ind, p.target.stretchValue)}</Typography.Text>
        </div>
        <div style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('完成', 'Achieved')} {show(ind, p.actual)} ·{' '}
          <span style={{ color: behind ? '#cf1322' : '#389e0d' }}>{formatPercent(p.completion)}</span>
        </div>
        {compare && (
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>
            {last
              ? t(
                  `上年同期完成 ${show(ind, last.actual)}（确保 ${show(ind, last.target.baseValue)}，${formatPercent(last.completion)}）`,
                  `Last year ${show(ind, last.actual)} (${formatPercent(last.completion)})`,
                )
              : t('上年无此目标', 'No target last year')}
          </div>
        )}
      </div>
    );
  };

  return (
    <Page
      title={t('目标责任状', 'Targets')}
      subTitle={
        progress.data
          ? t(
              `完成情况截至 ${progress.data.year}年${progress.data.month}月，时间进度 ${formatPercent(tp)}；每格为 确保 / 力争`,
              `Progress to ${progress.data.year}-${String(progress.data.month).padStart(2, '0')}, time progress ${formatPercent(tp)}; each cell is Base / Stretch`,
            )
          : undefined
      }
      extra={
        <>
          <Space>
            <span>{t('对比上年', 'Compare with last year')}</span>
            <Switch checked={compare} onChange={setCompare} />
          </Space>
          <DatePicker
            picker="year"
            allowClear={false}
            value={dayjs(`${year}-01-01`)}
            aria-label={t('年度', 'Year')}
            onChange={(d) => d && setParams({ year: String(d.year()) }, { replace: true })}
          />
          <Space>
            <span>{t('截至', 'Up to')}</span>
            <DatePicker
              picker="month"
              format="YYYY-MM"
              value={period ? dayjs(`${period}-01`) : null}
              placeholder={t('最新月份', 'Latest')}
              aria-label={t('截至月份', 'Up to month')}
              onChange={(d) => setParams(d ? { period: d.format('YYYY-MM') } : { year: String(year) }, { replace: true })}
            />
          </Space>
        </>
      }
    >
      {progress.error && <LoadError error={progress.error} retry={() => progress.refetch()} />}
      <Card size="small">
        <Table
          size="small"
          rowKey={(r) => r.unit.code}
          loading={units.isLoading || progress.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 900 }}
          expandable={{
            rowExpandable: (r) => r.unit.kind !== 'city' && r.items.length > 0,
            expandedRowRender: (r) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {r.items.map((p) => (
                  <Splits key={p.target.id} p={p} canEdit={canWrite || (canApprove && me.unitCode === r.unit.code)} />
                ))}
              </Space>
            ),
          }}
          columns={[
            {
              title: t('单位', 'Unit'),
              fixed: 'left',
              width: 150,
              render: (_, r) => (
                <Space>
                  {r.unit.name}
                  {r.unit.kind === 'city' && <Tag color="red">{t('全市', 'City')}</Tag>}
                </Space>
              ),
            },
            ...INDICATORS.map((i) => ({ title: t(i.label[0], i.label[1]), key: i.key, render: cell(i.key) })),
            ...(canWrite
              ? [
                  {
                    title: '',
                    width: 80,
                    render: (_: unknown, r: (typeof rows)[number]) => (
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r.unit)}>
                        {t('设置', 'Edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing && (
        <EditModal
          unit={editing}
          year={year}
          targets={(progress.data?.items ?? []).filter((p) => p.target.unitCode === editing.code).map((p) => p.target)}
          onClose={() => setEditing(null)}
        />
      )}
    </Page>
  );
}
