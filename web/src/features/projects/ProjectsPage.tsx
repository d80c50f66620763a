// 项目台账: server-side paged table with filters kept in the URL, saved filters and Excel export
// of exactly what the filters select.
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { App as AntApp, Button, Card, Dropdown, Empty, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, FilterOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import type { Project } from '../../../../src/contracts/projects';
import { parseWan } from '../../../../src/domain/money';
import { ALL_STAGES } from '../../../../src/domain/stages';
import { ORIGIN_GROUP_NAMES, STAGE_NAMES, labelT, optionsT, useMoney } from '../../shared/labels';
import { LoadError, Page } from '../../components/Page';
import { download } from '../../lib/api';
import { useT } from '../../shared/i18n';
import { useCan, useMe } from '../../shared/session';
import { useDeleteFilter } from './api/delete-filter';
import { useProjects, type Query } from './api/get-projects';
import { useSavedFilters } from './api/get-saved-filters';
import { useSaveFilter } from './api/save-filter';
import { useUnits } from '../../shared/api/units';
import { ORIGIN_SCOPE_TEXT, StageTag, daysSince } from './common';
import { ProjectForm } from './ProjectForm';
import { Money } from '../../shared/Money';

const FILTER_KEYS = [
  'q',
  'unitCode',
  'stage',
  'industry',
  'originScope',
  'originGroup',
  'minInvestmentYuan',
  'maxInvestmentYuan',
  'owner',
  'staleDays',
  'sort',
  'order',
] as const;

export function ProjectsPage() {
  const t = useT();
  const { formatWan } = useMoney();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const canWrite = useCan('project.write');
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [saveOpen, setSaveOpen] = useState(false);
  const [filterName, setFilterName] = useState('');
  const units = useUnits();
  const saved = useSavedFilters();
  const saveFilter = useSaveFilter();
  const delFilter = useDeleteFilter();

  const filters: Query = useMemo(() => {
    const f: Query = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const list = useProjects({ ...filters, page, pageSize });

  const set = (patch: Record<string, string | number | null | undefined>) => {
    const n = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === undefined || v === '') n.delete(k);
      else n.set(k, String(v));
    }
    if (!('page' in patch)) n.delete('page');
    setParams(n, { replace: true });
  };
  const applySaved = (q: Record<string, unknown>) => {
    const n = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== null && v !== undefined && v !== '') n.set(k, String(v));
    setParams(n, { replace: true });
  };
  const wanOf = (k: string) => {
    const v = params.get(k);
    return v ? Number(v) / 10_000 : null;
  };

  const columns: TableProps<Project>['columns'] = [
    {
      title: t('项目编号', 'Code'),
      dataIndex: 'code',
      sorter: true,
      width: 130,
      render: (v: string, p) => <Link to={`/projects/${p.id}`}>{v}</Link>,
    },
    {
      title: t('项目名称', 'Project'),
      dataIndex: 'name',
      sorter: true,
      ellipsis: true,
      render: (v: string, p) => <Link to={`/projects/${p.id}`}>{v}</Link>,
    },
    {
      title: t('承办单位', 'Lead unit'),
      dataIndex: 'unitName',
      sorter: true,
      key: 'unitCode',
      width: 110,
      render: (v: string | null, p) => v ?? p.unitCode,
    },
    {
      title: t('投资方', 'Investor'),
      dataIndex: 'investorName',
      ellipsis: true,
      render: (v: string | null, p) =>
        v ? (
          <span>
            {v}
            {p.originScope && <Tag style={{ marginLeft: 4 }}>{labelT(t, ORIGIN_SCOPE_TEXT, p.originScope)}</Tag>}
          </span>
        ) : (
          '—'
        ),
    },
    { title: t('行业', 'Industry'), dataIndex: 'industry', width: 110, ellipsis: true },
    {
      title: t('总投资', 'Total investment'),
      dataIndex: 'totalInvestmentYuan',
      sorter: true,
      align: 'right',
      width: 130,
      render: (v: number) => <Money>{formatWan(v)}</Money>,
    },
    { title: t('阶段', 'Stage'), dataIndex: 'stage', sorter: true, width: 100, render: (v: Project['stage']) => <StageTag stage={v} /> },
    { title: t('责任人', 'Owner'), dataIndex: 'owner', width: 90 },
    {
      title: t('最近跟进', 'Last follow-up'),
      dataIndex: 'lastFollowUpOn',
      sorter: true,
      width: 120,
      render: (v: string | null) => {
        const d = daysSince(v);
        return v ? (
          <span>
            {v}
            <Typography.Text type={d !== null && d > 60 ? 'danger' : 'secondary'} style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {t(`（${d}天）`, ` (${d} d)`)}
            </Typography.Text>
          </span>
        ) : (
          <Typography.Text type="warning">{t('未跟进', 'None')}</Typography.Text>
        );
      },
    },
  ];
  const sortField = params.get('sort');
  for (const c of columns) {
    const key = (c as { key?: string; dataIndex?: string }).key ?? (c as { dataIndex?: string }).dataIndex;
    if (c.sorter && key === sortField) c.sortOrder = params.get('order') === 'desc' ? 'descend' : 'ascend';
  }

  const unitOptions = (units.data ?? []).map((u) => ({ value: u.code, label: u.name }));
  return (
    <Page
      title={t('项目台账', 'Projects')}
      subTitle={list.data ? t(`共 ${list.data.total} 个项目`, `${list.data.total} projects`) : undefined}
      extra={
        <>
          <Dropdown
            menu={{
              items: [
                ...(saved.data ?? []).map((f) => ({
                  key: String(f.id),
                  label: (
                    <Space>
                      {f.name}
                      <a
                        onClick={(e) => {
                          e.stopPropagation();
                          delFilter.mutate(f.id);
                        }}
                      >
                        {t('删除', 'Delete')}
                      </a>
                    </Space>
                  ),
                  onClick: () => applySaved(f.query),
                })),
                ...(saved.data?.length ? [] : [{ key: 'none', label: t('还没有保存的筛选', 'No saved filters yet'), disabled: true }]),
              ],
            }}
          >
            <Button icon={<FilterOutlined />}>{t('我的筛选', 'Saved filters')}</Button>
          </Dropdown>
          <Button
            icon={<SaveOutlined />}
            onClick={() => {
              setFilterName('');
              setSaveOpen(true);
            }}
          >
            {t('保存筛选', 'Save filter')}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => download('/projects/export.xlsx', filters)}>
            {t('导出Excel', 'Export')}
          </Button>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('登记项目', 'New project')}
            </Button>
          )}
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('搜索编号、名称、投资方、责任人', 'Search code, name, investor, owner')}
            defaultValue={params.get('q') ?? ''}
            onSearch={(v) => set({ q: v })}
            style={{ width: 260 }}
            aria-label={t('搜索', 'Search')}
          />
          {me.cityWide && (
            <Select
              allowClear
              placeholder={t('承办单位', 'Lead unit')}
              style={{ width: 150 }}
              value={params.get('unitCode') ?? undefined}
              onChange={(v) => set({ unitCode: v })}
              options={unitOptions}
              showSearch
              optionFilterProp="label"
              aria-label={t('承办单位', 'Lead unit')}
            />
          )}
          <Select
            mode="multiple"
            allowClear
            placeholder={t('阶段', 'Stage')}
            style={{ minWidth: 160 }}
            maxTagCount={2}
            aria-label={t('阶段筛选', 'Stage filter')}
            value={params.get('stage')?.split(',') ?? []}
            onChange={(v: string[]) => set({ stage: v.join(',') })}
            options={ALL_STAGES.map((s) => ({ value: s, label: t(...STAGE_NAMES[s]) }))}
          />
          <Input
            allowClear
            placeholder={t('行业', 'Industry')}
            style={{ width: 120 }}
            defaultValue={params.get('industry') ?? ''}
            onPressEnter={(e) => set({ industry: (e.target as HTMLInputElement).value })}
            onBlur={(e) => set({ industry: e.target.value })}
            aria-label={t('行业', 'Industry')}
          />
          <Select
            mode="multiple"
            allowClear
            placeholder={t('投资方来源', 'Investor origin')}
            style={{ minWidth: 140 }}
            value={params.get('originScope')?.split(',') ?? []}
            onChange={(v: string[]) => set({ originScope: v.join(',') })}
            options={optionsT(t, ORIGIN_SCOPE_TEXT)}
          />
          <Select
            allowClear
            placeholder={t('来源区域', 'Origin region')}
            style={{ width: 120 }}
            value={params.get('originGroup') ?? undefined}
            aria-label={t('来源区域', 'Origin region')}
            onChange={(v: string | undefined) => set({ originGroup: v })}
            options={optionsT(t, ORIGIN_GROUP_NAMES)}
          />
          <Space.Compact>
            <InputNumber
              placeholder={t('投资≥万元', 'Min (10k CNY)')}
              min={0}
              style={{ width: 120 }}
              value={wanOf('minInvestmentYuan')}
              onChange={(v) => set({ minInvestmentYuan: v === null ? null : parseWan(v) })}
            />
            <InputNumber
              placeholder={t('≤万元', 'Max')}
              min={0}
              style={{ width: 100 }}
              value={wanOf('maxInvestmentYuan')}
              onChange={(v) => set({ maxInvestmentYuan: v === null ? null : parseWan(v) })}
            />
          </Space.Compact>
          <Input
            allowClear
            placeholder={t('责任人', 'Owner')}
            style={{ width: 100 }}
            defaultValue={params.get('owner') ?? ''}
            onPressEnter={(e) => set({ owner: (e.target as HTMLInputElement).value })}
            onBlur={(e) => set({ owner: e.target.value })}
          />
          <Select
            allowClear
            placeholder={t('未跟进天数', 'Days idle')}
            style={{ width: 130 }}
            value={params.get('staleDays') ?? undefined}
            onChange={(v) => set({ staleDays: v })}
            options={[30, 60, 90, 180].map((d) => ({ value: String(d), label: t(`≥${d}天未跟进`, `Idle ≥${d} days`) }))}
          />
          {Object.keys(filters).length > 0 && (
            <Button type="link" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              {t('清除筛选', 'Clear filters')}
            </Button>
          )}
        </Space>
      </Card>
      {list.error ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <Table<Project>
          rowKey="id"
          size="middle"
          // Wide tables scroll inside their card on a phone instead of widening the page.
          scroll={{ x: 'max-content' }}
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{
            emptyText: (
              <Empty
                description={
                  Object.keys(filters).length
                    ? t('没有符合筛选条件的项目', 'No projects match the filters')
                    : t('还没有项目，点击“登记项目”开始', 'No projects yet. Click “New project” to start')
                }
              />
            ),
          }}
          onRow={(p) => ({ onDoubleClick: () => navigate(`/projects/${p.id}`) })}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (n) => t(`共 ${n} 项`, `${n} items`),
          }}
          onChange={(pg, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const field = s?.order ? String(s.columnKey ?? s.field) : null;
            set({
              page: pg.current ?? 1,
              pageSize: pg.pageSize ?? 20,
              sort: field,
              order: s?.order ? (s.order === 'descend' ? 'desc' : 'asc') : null,
            });
          }}
        />
      )}
      <ProjectForm
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(p) => {
          message.success(t(`已登记项目 ${p.code}`, `Project ${p.code} registered`));
          navigate(`/projects/${p.id}`);
        }}
      />
      <Modal
        open={saveOpen}
        title={t('保存当前筛选', 'Save current filter')}
        onCancel={() => setSaveOpen(false)}
        okText={t('保存', 'Save')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={saveFilter.isPending}
        onOk={async () => {
          try {
            await saveFilter.mutateAsync({ name: filterName.trim(), query: filters });
            message.success(t('筛选已保存', 'Filter saved'));
            setSaveOpen(false);
          } catch (e) {
            message.error((e as Error).message);
          }
        }}
      >
        <Input
          autoFocus
          placeholder={t('筛选名称，如：在谈超60天未跟进', 'Filter name, e.g. Negotiating, idle >60 days')}
          value={filterName}
          onChange={(e) => setFilterName(e.target.value)}
          maxLength={100}
        />
      </Modal>
    </Page>
  );
}
