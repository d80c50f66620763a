import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { App as AntApp, Button, Card, Empty, Input, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Investor } from '../../../../src/contracts/investors';
import { INDUSTRY_NAMES, ORIGIN_SCOPE_NAMES, OWNERSHIP_NAMES, labelT, optionsT } from '../../shared/labels';
import { LoadError, Page } from '../../components/Page';
import { useT } from '../../shared/i18n';
import { useCan } from '../../shared/session';
import { useInvestors } from './api/get-investors';
import { InvestorForm } from './InvestorForm';

export const ORIGIN_SCOPE_TEXT = ORIGIN_SCOPE_NAMES;

export function InvestorsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const canWrite = useCan('project.write');
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const q = {
    q: params.get('q') ?? undefined,
    originScope: params.get('originScope') ?? undefined,
    industry: params.get('industry') ?? undefined,
    page: Number(params.get('page') ?? 1),
    pageSize: 20,
  };
  const list = useInvestors(q);
  const set = (k: string, v: string | undefined) => {
    const n = new URLSearchParams(params);
    if (v) n.set(k, v);
    else n.delete(k);
    if (k !== 'page') n.delete('page');
    setParams(n, { replace: true });
  };
  return (
    <Page
      title={t('客商', 'Investors')}
      subTitle={list.data ? t(`共 ${list.data.total} 家`, `${list.data.total} investors`) : undefined}
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('登记客商', 'New investor')}
          </Button>
        )
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('搜索名称、信用代码、所在地', 'Search name, credit code, location')}
            defaultValue={q.q}
            onSearch={(v) => set('q', v)}
            style={{ width: 280 }}
          />
          <Select
            allowClear
            placeholder={t('来源', 'Origin')}
            style={{ width: 120 }}
            value={q.originScope}
            onChange={(v) => set('originScope', v)}
            options={optionsT(t, ORIGIN_SCOPE_TEXT)}
          />
          <Select
            allowClear
            placeholder={t('行业门类', 'Industry section')}
            style={{ width: 200 }}
            value={q.industry}
            onChange={(v) => set('industry', v)}
            options={Object.entries(INDUSTRY_NAMES).map(([value, label]) => ({ value, label: `${value} ${t(...label)}` }))}
          />
        </Space>
      </Card>
      {list.error ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <Table<Investor>
          // Wide tables scroll inside their card on a phone instead of widening the page.
          scroll={{ x: 'max-content' }}
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('暂无客商', 'No investors yet')} /> }}
          pagination={{ current: q.page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false }}
          onChange={(pg) => set('page', String(pg.current ?? 1))}
          columns={[
            { title: t('客商名称', 'Investor'), dataIndex: 'name', render: (v: string, i) => <Link to={`/investors/${i.id}`}>{v}</Link> },
            { title: t('统一社会信用代码', 'Credit code'), dataIndex: 'creditCode', width: 190, render: (v: string | null) => v ?? '—' },
            {
              title: t('所在地', 'Location'),
              dataIndex: 'originName',
              render: (v: string | null, i) => (
                <span>
                  {v ?? '—'}
                  {i.originScope && <Tag style={{ marginLeft: 4 }}>{labelT(t, ORIGIN_SCOPE_TEXT, i.originScope)}</Tag>}
                </span>
              ),
            },
            {
              title: t('企业性质', 'Ownership'),
              dataIndex: 'ownership',
              width: 90,
              render: (v: string | null) => (v ? labelT(t, OWNERSHIP_NAMES, v) : '—'),
            },
            {
              title: t('行业门类', 'Industry section'),
              dataIndex: 'industry',
              width: 160,
              ellipsis: true,
              render: (v: string | null) => (v ? labelT(t, INDUSTRY_NAMES, v) : '—'),
            },
            { title: t('项目数', 'Projects'), dataIndex: 'projectCount', width: 80, align: 'right' },
          ]}
        />
      )}
      <InvestorForm
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(i) => {
          message.success(t(`已登记客商 ${i.name}`, `Investor ${i.name} registered`));
          navigate(`/investors/${i.id}`);
        }}
      />
    </Page>
  );
}
