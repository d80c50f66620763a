// 招商活动: the list (search, filters, report status), a calendar, and totals per unit and destination region.
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Badge, Button, Calendar, Card, DatePicker, Empty, Input, Select, Space, Spin, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Activity } from '../../../../src/contracts/activities';
import { useT } from '../../shared/i18n';
import { useCan } from '../../shared/session';
import { LoadError, Page } from '../../components/Page';
import { useActivities } from './api/get-activities';
import { useActivityCalendar } from './api/get-activity-calendar';
import { useActivityTotals } from './api/get-activity-totals';
import { ActivityForm } from './ActivityForm';
import { KIND_COLORS, KIND_LABELS, REGION_LABELS, ReportTag } from './common';
import { useFormat } from '../../shared/format';
import { Money } from '../../shared/Money';

function ListTab() {
  const t = useT();
  const { formatWan } = useFormat();
  const [sp, setSp] = useSearchParams();
  const q = Object.fromEntries([...sp.entries()].filter(([k]) => k !== 'tab'));
  const page = Number(q.page ?? 1);
  const list = useActivities({ ...q, page, pageSize: 20 });
  const set = (k: string, v: string | undefined) => {
    const n = new URLSearchParams(sp);
    if (v) n.set(k, v);
    else n.delete(k);
    n.delete('page');
    setSp(n, { replace: true });
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('活动名称或目的地', 'Name or destination')}
          defaultValue={q.q}
          onSearch={(v) => set('q', v || undefined)}
          style={{ width: 240 }}
          aria-label={t('搜索', 'Search')}
        />
        <Select
          allowClear
          placeholder={t('类型', 'Kind')}
          value={q.kind}
          onChange={(v) => set('kind', v)}
          style={{ width: 120 }}
          options={Object.entries(KIND_LABELS).map(([value, l]) => ({ value, label: t(l[0], l[1]) }))}
        />
        <Select
          allowClear
          placeholder={t('目的地区', 'Region')}
          value={q.region}
          onChange={(v) => set('region', v)}
          style={{ width: 140 }}
          options={Object.entries(REGION_LABELS).map(([value, l]) => ({ value, label: t(l[0], l[1]) }))}
        />
        <DatePicker.RangePicker
          value={q.from && q.to ? [dayjs(q.from), dayjs(q.to)] : null}
          onChange={(r) => {
            const n = new URLSearchParams(sp);
            if (r?.[0] && r[1]) {
              n.set('from', r[0].format('YYYY-MM-DD'));
              n.set('to', r[1].format('YYYY-MM-DD'));
            } else {
              n.delete('from');
              n.delete('to');
            }
            setSp(n, { replace: true });
          }}
        />
        <Space>
          <Switch
            checked={q.reportOverdue === 'true'}
            onChange={(c) => set('reportOverdue', c ? 'true' : undefined)}
            aria-label={t('只看报告逾期', 'Overdue reports only')}
          />
          {t('只看报告逾期', 'Overdue reports only')}
        </Space>
      </Space>
      {list.error ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : (
        <Table<Activity>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={t('没有符合条件的活动', 'No activities match')} /> }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (p) => {
              const n = new URLSearchParams(sp);
              n.set('page', String(p));
              setSp(n);
            },
          }}
          columns={[
            { title: t('活动名称', 'Name'), dataIndex: 'name', render: (v: string, a) => <Link to={`/activities/${a.id}`}>{v}</Link> },
            {
              title: t('类型', 'Kind'),
              dataIndex: 'kind',
              width: 90,
              render: (k: Activity['kind']) => <Tag color={KIND_COLORS[k]}>{t(...KIND_LABELS[k])}</Tag>,
            },
            {
              title: t('日期', 'Dates'),
              width: 190,
              render: (_: unknown, a) => `${a.startDate}${a.endDate && a.endDate !== a.startDate ? ` — ${a.endDate}` : ''}`,
            },
            {
              title: t('目的地', 'Destination'),
              render: (_: unknown, a) => (
                <>
                  {a.destination ?? '—'} {a.destinationGroup !== 'other' && <Tag>{t(...REGION_LABELS[a.destinationGroup])}</Tag>}
                </>
              ),
            },
            { title: t('组织单位', 'Unit'), dataIndex: 'unitName', width: 120, render: (v: string | null) => v ?? '—' },
            { title: t('人次', 'Person-times'), dataIndex: 'personTimes', width: 70, align: 'right' },
            {
              title: t('签约项目 / 投资', 'Contracts / investment'),
              width: 160,
              align: 'right',
              render: (_: unknown, a) =>
                a.signedCount ? <Money>{`${a.signedCount}${t('个', '')} / ${formatWan(a.signedInvestmentYuan)}`}</Money> : '—',
            },
            { title: t('报告', 'Report'), width: 190, render: (_: unknown, a) => <ReportTag a={a} /> },
          ]}
        />
      )}
    </>
  );
}

function CalendarTab() {
  const t = useT();
  const navigate = useNavigate();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = month.endOf('month').add(14, 'day').format('YYYY-MM-DD');
  const cal = useActivityCalendar(from, to);
  if (cal.error) return <LoadError error={cal.error} retry={() => cal.refetch()} />;
  return (
    <Spin spinning={cal.isLoading}>
      <Calendar
        value={month}
        onPanelChange={(d) => setMonth(d)}
        onSelect={(d, info) => {
          if (info.source === 'month' || info.source === 'year') setMonth(d);
        }}
        cellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode;
          const day = d.format('YYYY-MM-DD');
          const items = (cal.data ?? []).filter((a) => a.startDate <= day && (a.endDate ?? a.startDate) >= day);
          return (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {items.map((a) => (
                <li key={a.id}>
                  <a
                    onClick={(e) => {
                      e.stopPropagation();
                      navigate(`/activities/${a.id}`);
                    }}
                    title={a.name}
                  >
                    <Badge color={a.reportOverdue ? 'red' : KIND_COLORS[a.kind]} text={<span style={{ fontSize: 12 }}>{a.name}</span>} />
                  </a>
                </li>
              ))}
            </ul>
          );
        }}
      />
      {!cal.isLoading && !(cal.data ?? []).length && (
        <Typography.Text type="secondary">{t('本月没有活动', 'No activities this month')}</Typography.Text>
      )}
    </Spin>
  );
}

function TotalsTab() {
  const t = useT();
  const { formatWan } = useFormat();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const totals = useActivityTotals(range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'));
  const money = (v: number) => formatWan(v);
  const cols = [
    { title: t('活动次数', 'Activities'), dataIndex: 'activities', align: 'right' as const },
    { title: t('小分队', 'Trips'), dataIndex: 'trips', align: 'right' as const },
    { title: t('人次', 'Person-times'), dataIndex: 'personTimes', align: 'right' as const },
    { title: t('签约项目', 'Contracts'), dataIndex: 'signedCount', align: 'right' as const },
    { title: t('引进投资', 'Investment'), dataIndex: 'signedInvestmentYuan', align: 'right' as const, render: money },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {t('区间（按活动开始日期）', 'Period (by start date)')}
        <DatePicker.RangePicker allowClear={false} value={range} onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])} />
      </Space>
      {totals.error ? (
        <LoadError error={totals.error} retry={() => totals.refetch()} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          {totals.data && (
            <Typography.Paragraph>
              {t(
                `合计：活动${totals.data.total.activities}次，签约项目${totals.data.total.signedCount}个，引进投资${money(totals.data.total.signedInvestmentYuan)}。`,
                `Total: ${totals.data.total.activities} activities, ${totals.data.total.signedCount} contracts, ${money(totals.data.total.signedInvestmentYuan)}.`,
              )}
            </Typography.Paragraph>
          )}
          <Card size="small" title={t('按组织单位', 'By organising unit')}>
            <Table
              rowKey={(r) => r.unitCode ?? '-'}
              size="small"
              pagination={false}
              loading={totals.isLoading}
              dataSource={totals.data?.byUnit}
              scroll={{ x: 600 }}
              columns={[
                { title: t('单位', 'Unit'), dataIndex: 'unitName', render: (v: string | null) => v ?? t('（未指定）', '(none)') },
                ...cols,
              ]}
            />
          </Card>
          <Card size="small" title={t('按目的地区', 'By destination region')}>
            <Table
              rowKey="region"
              size="small"
              pagination={false}
              loading={totals.isLoading}
              dataSource={totals.data?.byRegion}
              scroll={{ x: 600 }}
              columns={[
                {
                  title: t('地区', 'Region'),
                  dataIndex: 'region',
                  render: (r: Activity['destinationGroup']) => <Link to={`/activities?region=${r}`}>{t(...REGION_LABELS[r])}</Link>,
                },
                ...cols,
              ]}
            />
          </Card>
        </Space>
      )}
    </>
  );
}

export function ActivitiesPage() {
  const t = useT();
  const canWrite = useCan('activity.write');
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const tab = sp.get('tab') ?? 'list';
  return (
    <Page
      title={t('招商活动', 'Promotion activities')}
      subTitle={t(
        '小分队、代表团、推介会、签约活动；返回后15日内提交报告',
        'Trips, delegations, events, signings; report within 15 days of return',
      )}
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('登记活动', 'New activity')}
          </Button>
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          const n = new URLSearchParams();
          if (k !== 'list') n.set('tab', k);
          setSp(n);
        }}
        items={[
          { key: 'list', label: t('列表', 'List'), children: tab === 'list' && <ListTab /> },
          { key: 'calendar', label: t('日历', 'Calendar'), children: tab === 'calendar' && <CalendarTab /> },
          { key: 'totals', label: t('汇总', 'Totals'), children: tab === 'totals' && <TotalsTab /> },
        ]}
      />
      {creating && <ActivityForm onClose={() => setCreating(false)} onSaved={(a) => navigate(`/activities/${a.id}`)} />}
    </Page>
  );
}
