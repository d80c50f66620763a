// 全年预测 and 推进分析: where the year will likely end for the city and each unit, how sure we are,
// what it takes, and how projects move through the stages (conversion, days per stage, drops).
import { useSearchParams } from 'react-router-dom';
import {
  Alert,
  Card,
  Col,
  Collapse,
  DatePicker,
  Empty,
  Progress,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { ForecastDto, PipelineAnalyticsDto } from '../../../../src/contracts/forecast';
import { formatPercent } from '../../../../src/domain/money';
import { LoadError, Page } from '../../components/Page';
import { useT } from '../../shared/i18n';
import { useMoney } from '../../shared/labels';
import { useForecast } from './api/get-forecast';
import { usePipelineAnalytics } from './api/get-pipeline-analytics';
import { Money } from '../../shared/Money';
import { percentPoints } from '../../shared/format';

type UnitRow = ForecastDto['units'][number];
type Group = PipelineAnalyticsDto['groups'][number];

/** A probability as a coloured bar: green when likely, amber when in doubt, red when unlikely. */
export function Chance({ p }: { p: number | null }) {
  if (p === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const color = p >= 0.7 ? '#389e0d' : p >= 0.3 ? '#d48806' : '#cf1322';
  return (
    <Progress
      percent={Math.round(p * 1000) / 10}
      size="small"
      strokeColor={color}
      format={(v) => percentPoints(v ?? 0)}
      style={{ minWidth: 110, margin: 0 }}
    />
  );
}

function YearEnd({ asOf }: { asOf: string | undefined }) {
  const t = useT();
  const { formatYi } = useMoney();
  const q = useForecast({ asOf });
  const f = q.data;
  if (q.error) return <LoadError error={q.error} retry={() => q.refetch()} />;
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} lg={6}>
          <Card size="small" loading={q.isLoading}>
            <Statistic
              title={t('预计全年到位资金', 'Expected for the year')}
              value={f ? formatYi(f.expectedYuan) : '—'}
              valueStyle={{ color: '#c0392b' }}
            />
            <Typography.Text type="secondary">
              {t('80%区间', '80% range')} {f ? `${formatYi(f.lowYuan)} – ${formatYi(f.highYuan)}` : '—'}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small" loading={q.isLoading}>
            <Statistic title={t('已到位', 'In place so far')} value={f ? formatYi(f.fundsYtdYuan) : '—'} />
            <Typography.Text type="secondary">
              {t('确保目标', 'Base target')} {f?.targetBaseYuan != null ? formatYi(f.targetBaseYuan) : t('未设', 'none')}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small" loading={q.isLoading}>
            <div style={{ marginBottom: 4 }}>{t('完成确保目标的概率', 'Chance of the base target')}</div>
            <Chance p={f?.probabilityBase ?? null} />
            <div style={{ margin: '8px 0 4px' }}>{t('完成力争目标的概率', 'Chance of the stretch target')}</div>
            <Chance p={f?.probabilityStretch ?? null} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small" loading={q.isLoading}>
            <Statistic
              title={t(`距年底 ${f?.monthsLeft ?? '—'} 个月，需月均到位`, `Needed per month (${f?.monthsLeft ?? '—'} left)`)}
              value={f?.neededMonthlyBaseYuan != null ? formatYi(f.neededMonthlyBaseYuan) : '—'}
            />
            <Typography.Text type="secondary">
              {t('已签约项目可带来', 'Signed contracts can bring')} {f?.signedPotentialYuan != null ? formatYi(f.signedPotentialYuan) : '—'}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      {f && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={f.sentence} />}
      <Card size="small" title={t('各单位全年预测', 'Forecast by unit')} style={{ marginBottom: 12 }}>
        <Table<UnitRow>
          size="small"
          rowKey="code"
          loading={q.isLoading}
          pagination={false}
          scroll={{ x: 1500 }}
          dataSource={f?.units ?? []}
          locale={{ emptyText: <Empty description={t('没有单位', 'No units')} /> }}
          columns={[
            { title: t('单位', 'Unit'), dataIndex: 'name', fixed: 'left', width: 150 },
            {
              title: t('已到位', 'In place'),
              align: 'right',
              width: 110,
              render: (_, u) => formatYi(u.fundsYtdYuan),
              sorter: (a, b) => a.fundsYtdYuan - b.fundsYtdYuan,
            },
            {
              title: t('预计全年', 'Expected'),
              align: 'right',
              width: 110,
              render: (_, u) => <b>{formatYi(u.expectedYuan)}</b>,
              sorter: (a, b) => a.expectedYuan - b.expectedYuan,
            },
            {
              title: t('80%区间', '80% range'),
              width: 200,
              render: (_, u) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {formatYi(u.lowYuan)} – {formatYi(u.highYuan)}
                </span>
              ),
            },
            {
              title: t('确保目标', 'Base'),
              align: 'right',
              width: 110,
              render: (_, u) => (u.targetBaseYuan === null ? '—' : formatYi(u.targetBaseYuan)),
            },
            {
              title: t('完成确保概率', 'Chance (base)'),
              width: 150,
              render: (_, u) => <Chance p={u.probabilityBase} />,
              sorter: (a, b) => (a.probabilityBase ?? -1) - (b.probabilityBase ?? -1),
            },
            { title: t('完成力争概率', 'Chance (stretch)'), width: 150, render: (_, u) => <Chance p={u.probabilityStretch} /> },
            {
              title: t('需月均到位（确保 / 力争）', 'Needed monthly (base / stretch)'),
              width: 190,
              render: (_, u) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {u.neededMonthlyBaseYuan === null ? '—' : formatYi(u.neededMonthlyBaseYuan)} /{' '}
                  {u.neededMonthlyStretchYuan === null ? '—' : formatYi(u.neededMonthlyStretchYuan)}
                </span>
              ),
            },
            {
              title: t('已签约可带来', 'Signed can bring'),
              align: 'right',
              width: 120,
              render: (_, u) =>
                u.signedPotentialYuan === null ? '—' : <span style={{ whiteSpace: 'nowrap' }}>{formatYi(u.signedPotentialYuan)}</span>,
            },
            {
              title: t('在谈项目可带来', 'Pipeline can bring'),
              align: 'right',
              width: 120,
              render: (_, u) =>
                u.pipelinePotentialYuan === null ? '—' : <span style={{ whiteSpace: 'nowrap' }}>{formatYi(u.pipelinePotentialYuan)}</span>,
            },
            {
              title: t('缺口', 'Gap'),
              width: 140,
              render: (_, u) =>
                u.gapUncovered ? (
                  <Tooltip
                    title={t(
                      '确保目标的缺口大于已签约和在谈项目按历史规律可带来的资金',
                      'The gap to the base target exceeds what signed and open projects can plausibly bring',
                    )}
                  >
                    <Tag color="red" icon={<WarningOutlined />}>
                      {t('在手项目难以补足', 'Not covered')}
                    </Tag>
                  </Tooltip>
                ) : u.gapUncovered === false ? (
                  <Tag color="green">{t('可覆盖', 'Covered')}</Tag>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
      {f && (
        <Card
          size="small"
          title={t('回测：用同样方法预测往年同期', 'Backtest: the same method on past years')}
          extra={
            <Typography.Text type="secondary">
              {t('平均误差', 'Mean error')} {formatPercent(f.backtest.mape)}
            </Typography.Text>
          }
        >
          {f.backtest.years.length === 0 ? (
            <Empty description={t('没有往年数据，无法回测', 'No past years to test on')} />
          ) : (
            <Table
              size="small"
              rowKey="year"
              pagination={false}
              dataSource={f.backtest.years}
              columns={[
                { title: t('年度', 'Year'), dataIndex: 'year' },
                {
                  title: t(`截至${f.backtest.asOfMonth}月的预测`, `Forecast as of month ${f.backtest.asOfMonth}`),
                  align: 'right',
                  render: (_, y) => <Money>{formatYi(y.predictedYuan)}</Money>,
                },
                { title: t('实际全年', 'Actual'), align: 'right', render: (_, y) => <Money>{formatYi(y.actualYuan)}</Money> },
                {
                  title: t('误差', 'Error'),
                  align: 'right',
                  render: (_, y) => (y.errorPct === null ? '—' : `${y.errorPct > 0 ? '+' : ''}${formatPercent(y.errorPct)}`),
                },
                {
                  title: t('其中：按往年节奏', 'Run rate × season'),
                  align: 'right',
                  render: (_, y) => <Money>{formatYi(y.timeSeriesYuan)}</Money>,
                },
                {
                  title: t('其中：按在手项目', 'From the pipeline'),
                  align: 'right',
                  render: (_, y) => (y.structuralYuan === null ? '—' : formatYi(y.structuralYuan)),
                },
              ]}
            />
          )}
          <Collapse
            ghost
            size="small"
            items={[
              {
                key: 'm',
                label: t('预测方法说明', 'How the forecast works'),
                children: (
                  <Typography.Paragraph style={{ marginBottom: 0 }}>
                    {t(
                      `全年预测 = 已到位资金 + 剩余月份预计到位。剩余部分综合两种估计：一是按本年到位节奏结合往年各月季节规律推算；二是按在手项目推算——已签约项目按历史上签约后各月的到位比例，在谈项目按历史上各阶段在剩余月份内签约的比例。两种估计按回测误差加权（本次按往年节奏占 ${formatPercent(f.weightTimeSeries)}）。区间为80%区间，已计入回测误差；概率为全年到位达到目标的可能性。只使用已核实资金和截至报告期末的数据。`,
                      `Forecast = funds in place + expected for the months left, blending this year's run rate with past seasons and the pipeline (signed projects by their historical arrival pattern, open projects by stage conversion). Weights come from the backtest (run rate ${formatPercent(f.weightTimeSeries)} now). The 80% range includes the backtest error. Verified funds and data up to the period only.`,
                    )}
                  </Typography.Paragraph>
                ),
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}

function PipelineAnalytics() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const groupBy = (params.get('groupBy') as PipelineAnalyticsDto['groupBy'] | null) ?? 'unit';
  const q = usePipelineAnalytics({ groupBy });
  const a = q.data;
  const stages = a?.overall.stages ?? [];
  const days = (s: Group['stages'][number] | undefined) => (s?.medianDays == null ? '—' : `${Math.round(s.medianDays)}${t('天', 'd')}`);
  const spread = (s: Group['stages'][number] | undefined) =>
    s?.p25Days == null || s.p75Days == null ? '' : `${Math.round(s.p25Days)}–${Math.round(s.p75Days)}`;
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <span>{t('分组', 'Group by')}</span>
        <Segmented
          value={groupBy}
          onChange={(v) => {
            const n = new URLSearchParams(params);
            n.set('groupBy', String(v));
            setParams(n, { replace: true });
          }}
          options={[
            { value: 'unit', label: t('按单位', 'Unit') },
            { value: 'industry', label: t('按行业', 'Industry') },
            { value: 'originScope', label: t('按来源地', 'Origin') },
          ]}
        />
      </Space>
      {q.error && <LoadError error={q.error} retry={() => q.refetch()} />}
      <Table<Group>
        size="small"
        rowKey="key"
        loading={q.isLoading}
        pagination={false}
        scroll={{ x: 1400 }}
        dataSource={a ? [...a.groups, a.overall] : []}
        locale={{ emptyText: <Empty description={t('还没有项目', 'No projects yet')} /> }}
        rowClassName={(g) => (g.key === '*' ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('分组', 'Group'), dataIndex: 'label', fixed: 'left', width: 160 },
          { title: t('项目数', 'Projects'), dataIndex: 'projects', align: 'right', width: 80 },
          ...stages
            .filter((s) => s.stage !== 'operating')
            .map((s) => ({
              key: s.stage,
              width: 120,
              title: (
                <Tooltip
                  title={t(
                    '进入该阶段后推进到以后阶段的比例；下方为停留天数中位数（四分位区间）',
                    'Share that moved on from this stage; below, median days in stage (quartiles)',
                  )}
                >
                  {s.label}
                </Tooltip>
              ),
              render: (_: unknown, g: Group) => {
                const x = g.stages.find((y) => y.stage === s.stage);
                if (!x || x.entered === 0) return <Typography.Text type="secondary">—</Typography.Text>;
                return (
                  <div style={{ whiteSpace: 'nowrap', lineHeight: 1.3 }}>
                    <div>{formatPercent(x.conversion)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {days(x)}
                      {spread(x) ? `（${spread(x)}）` : ''}
                    </Typography.Text>
                  </div>
                );
              },
            })),
          { title: t('终止', 'Dropped'), width: 110, render: (_, g) => `${g.dropped}（${formatPercent(g.droppedShare)}）` },
          {
            title: t('终止原因（前几位）', 'Top reasons'),
            width: 260,
            render: (_, g) =>
              g.dropReasons.slice(0, 3).map((r) => (
                <Tag key={r.reason} style={{ marginBottom: 2 }}>
                  {r.reason} ×{r.count}
                </Tag>
              )),
          },
        ]}
      />
    </>
  );
}

export function ForecastPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? undefined;
  const tab = params.get('tab') ?? 'forecast';
  const set = (k: string, v: string) => {
    const n = new URLSearchParams(params);
    n.set(k, v);
    setParams(n, { replace: true });
  };
  return (
    <Page
      title={t('预测与推进分析', 'Forecast and pipeline analytics')}
      subTitle={t('已核实口径；只用截至报告期末的数据', 'Verified basis; data up to the end of the period only')}
      extra={
        tab === 'forecast' ? (
          <Space>
            <span>{t('报告期', 'Period')}</span>
            <DatePicker
              picker="month"
              allowClear
              format="YYYY-MM"
              aria-label={t('报告期', 'Period')}
              placeholder={t('最新月份', 'Latest')}
              value={asOf ? dayjs(`${asOf}-01`) : null}
              onChange={(d) => {
                const n = new URLSearchParams(params);
                if (d) n.set('asOf', d.format('YYYY-MM'));
                else n.delete('asOf');
                setParams(n, { replace: true });
              }}
            />
          </Space>
        ) : undefined
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k)}
        items={[
          { key: 'forecast', label: t('全年预测', 'Year-end forecast'), children: <YearEnd asOf={asOf} /> },
          { key: 'pipeline', label: t('推进分析', 'Pipeline analytics'), children: <PipelineAnalytics /> },
        ]}
      />
    </Page>
  );
}
