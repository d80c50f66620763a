import { useState } from 'react';
import { DatePicker, Input, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useAudit, type AuditRow as Row } from './api/get-audit';
import { useT } from '../../shared/i18n';
import { LoadError, Page } from '../../components/Page';


const ACTIONS: Record<string, string> = {
  create: '新增', update: '修改', delete: '删除', move: '阶段变更', submit: '报送', approve: '审核', verify: '核实', return: '退回',
  lock: '锁定', unlock: '解锁', import: '导入', login: '登录', logout: '退出', revoke: '吊销', setup: '初始化', demo: '演示数据', password: '改密码', upload: '上传',
};

function Diff({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  if (!keys.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <table style={{ fontSize: 12 }}>
      <tbody>
        {keys.map((k) => (
          <tr key={k}><td style={{ paddingRight: 8, color: '#888' }}>{k}</td><td><del style={{ color: '#c0392b' }}>{before ? JSON.stringify(b[k]) : ''}</del> → <span style={{ color: '#27ae60' }}>{JSON.stringify(a[k])}</span></td></tr>
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
  const set = (patch: typeof f) => { setPage(1); setF((x) => ({ ...x, ...patch })); };
  return (
    <Page title={t('审计日志', 'Audit log')} subTitle={t('每一次写操作：谁、何时、对象、修改前后。日志只读，不能在系统中修改或删除。', 'Every write: who, when, what, before → after. Read-only.')}>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('操作人', 'Actor')} style={{ width: 160 }} onSearch={(v) => set({ actor: v || undefined })} />
        <Select allowClear placeholder={t('对象类型', 'Entity')} style={{ width: 160 }} onChange={(v) => set({ entity: v })}
          options={['unit', 'user', 'settings', 'api_token', 'investor', 'project', 'fund_entry', 'submission', 'period', 'target', 'ledger', 'system'].map((v) => ({ value: v, label: v }))} />
        <Select allowClear placeholder={t('操作', 'Action')} style={{ width: 140 }} onChange={(v) => set({ action: v })} options={Object.entries(ACTIONS).map(([k, v]) => ({ value: k, label: t(v, k) }))} />
        <DatePicker.RangePicker onChange={(r) => set({ from: (r?.[0] as Dayjs | null)?.format('YYYY-MM-DD'), to: (r?.[1] as Dayjs | null)?.format('YYYY-MM-DD') })} />
      </div>
      {q.error ? <LoadError error={q.error} retry={() => q.refetch()} /> : (
        <Table<Row> rowKey="id" size="small" loading={q.isFetching} dataSource={q.data?.items} scroll={{ x: 900 }}
          pagination={{ current: page, pageSize: 30, total: q.data?.total, onChange: setPage, showSizeChanger: false, showTotal: (n) => t(`共 ${n} 条`, `${n} rows`) }}
          expandable={{ expandedRowRender: (r) => <Diff before={r.before} after={r.after} /> }}
          columns={[
            { title: t('时间', 'When'), dataIndex: 'at', width: 170, render: (v: string) => new Date(v).toLocaleString() },
            { title: t('操作人', 'Actor'), dataIndex: 'actorName', width: 140 },
            { title: t('操作', 'Action'), dataIndex: 'action', width: 100, render: (v: string) => <Tag>{t(ACTIONS[v] ?? v, v)}</Tag> },
            { title: t('对象', 'Entity'), dataIndex: 'entity', width: 120, render: (v: string, r) => `${v}${r.entityId ? ` #${r.entityId}` : ''}` },
            { title: t('单位', 'Unit'), dataIndex: 'unitCode', width: 80 },
            { title: t('摘要', 'Summary'), dataIndex: 'summary' },
          ]} />
      )}
    </Page>
  );
}
