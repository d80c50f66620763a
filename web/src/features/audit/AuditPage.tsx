import { useState } from 'react';
import { DatePicker, Input, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useAudit, type AuditRow as Row } from './api/get-audit';
import { useT } from '../../shared/i18n';
import { LoadError, Page } from '../../components/Page';
import { FUND_STATUS_LABELS } from '../../../../src/domain/labels';
import { STAGE_LABELS } from '../../../../src/domain/stages';
import { SUBMISSION_STATUS_TEXT } from '../../../../src/contracts/funds';

const ACTIONS: Record<string, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  move: '阶段变更',
  submit: '报送',
  approve: '审核',
  verify: '核实',
  return: '退回',
  lock: '锁定',
  unlock: '解锁',
  import: '导入',
  login: '登录',
  logout: '退出',
  revoke: '吊销',
  setup: '初始化',
  demo: '演示数据',
  password: '改密码',
  upload: '上传',
};

// What people call each kind of record (the log stores the table-like name).
const ENTITIES: Record<string, string> = {
  project: '项目',
  fund_entry: '到位资金',
  submission: '月报',
  period: '报告期',
  investor: '客商',
  unit: '单位',
  user: '用户',
  settings: '系统设置',
  api_token: '接口令牌',
  target: '目标',
  target_split: '目标分解',
  activity: '招商活动',
  reserve_project: '储备项目',
  attachment: '附件',
  follow_up: '跟进记录',
  blocker: '困难问题',
  commitment: '承诺事项',
  commitment_link: '承诺关联',
  policy: '政策',
  document: '文件',
  inquiry: '咨询',
  supervision_task: '督办',
  saved_filter: '保存的筛选',
  exchange_rate: '美元汇率',
  revision: '修订',
  lead_decision: '领导批示',
  approval_item: '审批事项',
  warning_run: '预警',
  ledger: '台账',
  system: '系统',
};
const FIELDS: Record<string, string> = {
  status: '状态',
  stage: '阶段',
  amountYuan: '到位金额（元）',
  foreignUsd: '其中外资（美元）',
  note: '备注',
  name: '名称',
  reason: '原因',
  registeredOn: '登记日期',
  contractDate: '签约日期',
  agreementDate: '协议日期',
  startDate: '开工日期',
  operatingDate: '投产日期',
  totalInvestmentYuan: '总投资（元）',
  industry: '行业',
  unitCode: '单位',
  returnedReason: '退回原因',
  version: '版本',
};
/** Status and stage values in Chinese; everything else as stored. */
function valueText(entity: string, key: string, v: unknown): string {
  if (typeof v === 'string') {
    if (key === 'stage') return STAGE_LABELS[v as keyof typeof STAGE_LABELS] ?? v;
    if (key === 'status' && entity === 'submission') return SUBMISSION_STATUS_TEXT[v as keyof typeof SUBMISSION_STATUS_TEXT] ?? v;
    if (key === 'status' && entity === 'fund_entry') return FUND_STATUS_LABELS[v as keyof typeof FUND_STATUS_LABELS] ?? v;
    return v;
  }
  return v === undefined ? '' : JSON.stringify(v);
}

function Diff({ entity, before, after }: { entity: string; before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  if (!keys.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <table style={{ fontSize: 12 }}>
      <tbody>
        {keys.map((k) => (
          <tr key={k}>
            <td style={{ paddingRight: 8, color: '#888' }}>{FIELDS[k] ?? k}</td>
            <td>
              <del style={{ color: '#c0392b' }}>{before ? valueText(entity, k, b[k]) : ''}</del> →{' '}
              <span style={{ color: '#27ae60' }}>{after ? valueText(entity, k, a[k]) : ''}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AuditPage() {
  const t = useT();
  const [page, setPage] = useState(1);
  const [f, setF] = useState<{ entity?: string; action?: string; actor?: string; from?: string; to?: string }>({});
  const q = useAudit(page, f);
  const set = (patch: typeof f) => {
    setPage(1);
    setF((x) => ({ ...x, ...patch }));
  };
  return (
    <Page
      title={t('审计日志', 'Audit log')}
      subTitle={t(
        '每一次写操作：谁、何时、对象、修改前后。日志只读，不能在系统中修改或删除。',
        'Every write: who, when, what, before → after. Read-only.',
      )}
    >
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('操作人', 'Actor')}
          style={{ width: 160 }}
          onSearch={(v) => set({ actor: v || undefined })}
        />
        <Select
          allowClear
          placeholder={t('对象类型', 'Entity')}
          style={{ width: 160 }}
          onChange={(v) => set({ entity: v })}
          showSearch
          optionFilterProp="label"
          options={Object.entries(ENTITIES).map(([value, label]) => ({ value, label: t(label, value) }))}
        />
        <Select
          allowClear
          placeholder={t('操作', 'Action')}
          style={{ width: 140 }}
          onChange={(v) => set({ action: v })}
          options={Object.entries(ACTIONS).map(([k, v]) => ({ value: k, label: t(v, k) }))}
        />
        <DatePicker.RangePicker
          onChange={(r) =>
            set({ from: (r?.[0] as Dayjs | null)?.format('YYYY-MM-DD'), to: (r?.[1] as Dayjs | null)?.format('YYYY-MM-DD') })
          }
        />
      </div>
      {q.error ? (
        <LoadError error={q.error} retry={() => q.refetch()} />
      ) : (
        <Table<Row>
          rowKey="id"
          size="small"
          loading={q.isFetching}
          dataSource={q.data?.items}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize: 30,
            total: q.data?.total,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t(`共 ${n} 条`, `${n} rows`),
          }}
          expandable={{ expandedRowRender: (r) => <Diff entity={r.entity} before={r.before} after={r.after} /> }}
          columns={[
            { title: t('时间', 'When'), dataIndex: 'at', width: 170, render: (v: string) => new Date(v).toLocaleString() },
            { title: t('操作人', 'Actor'), dataIndex: 'actorName', width: 140 },
            { title: t('操作', 'Action'), dataIndex: 'action', width: 100, render: (v: string) => <Tag>{t(ACTIONS[v] ?? v, v)}</Tag> },
            {
              title: t('对象', 'Entity'),
              dataIndex: 'entity',
              width: 120,
              render: (v: string, r) => `${t(ENTITIES[v] ?? v, v)}${r.entityId ? ` #${r.entityId}` : ''}`,
            },
            { title: t('单位', 'Unit'), dataIndex: 'unitCode', width: 80 },
            { title: t('摘要', 'Summary'), dataIndex: 'summary' },
          ]}
        />
      )}
    </Page>
  );
}
