// 驾驶舱: the dispatch figures at a glance, every chart clicking through to the projects behind it.
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Card, Col, DatePicker, Empty, Progress, Row, Select, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { ForecastPanel } from './ForecastPanel';
import dayjs from 'dayjs';
import type { DispatchStatsDto } from '../../../../src/contracts/stats';
import { formatPercent, formatYi as formatYiZh } from '../../../../src/domain/money';
import { isBehind, ratio } from '../../../../src/domain/stats';
import { ALL_STAGES } from '../../../../src/domain/stages';
import { WarningsPanel } from './WarningsPanel';
import { LoadError, Page } from '../../components/Page';
import { useLocale, useT } from '../../shared/i18n';
import { INDUSTRY_NAMES, ORIGIN_GROUP_NAMES, ORIGIN_SCOPE_NAMES, STAGE_NAMES, labelT, useMoney } from '../../shared/labels';
import { groupThousands, percentPoints } from '../../shared/format';
import { useMe } from '../../shared/session';
import { Chart } from './Chart';
import { useBreakdown } from './api/get-breakdown';
import { useDispatch } from './api/get-dispatch';
import { useLatestPeriod } from './api/get-latest-period';
import { useMonthly } from './api/get-monthly';
import { useUnits } from '../../shared/api/units';
import { useDrilldownDrawer } from './DrilldownDrawer';
import type { DrilldownFigure } from '../../../../src/contracts/stats.drilldown';
import { escapeHtml } from './escape';

const RED = '#cf1322';
const BLUE = '#1677ff';
const GREY = '#8c8c8c';
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const wan = (yuan: number) => Math.round(yuan / 100) / 100; // chart axis in 万元, display only
/** A chart value in 万 as tooltip text: 12345.6 → "12,345.60", a month still to come → "—". */
const wanValue = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? groupThousands(v.toFixed(2)) : '—');
/** The region ring's invisible remainder, so a region that holds 10% of the funds draws 10% of the ring. */
const REST = '_rest';

function Kpis({ s, onDrill }: { s: DispatchStatsDto; onDrill?: (f: DrilldownFigure) => void }) {
  const nowrap = { whiteSpace: 'nowrap', fontSize: 22 } as const;
  const drill = (f: DrilldownFigure) => ({ hoverable: !!onDrill, onClick: () => onDrill?.(f) });
  const t = useT();
  const { formatGrowth, formatWanUsd, formatYi } = useMoney();
  const behind = isBehind(s.completion, s.timeProgress);
  const growth = formatGrowth(s.yoy);
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      <Col xs={12} md={8} xl={4}>
        <Card size="small" {...drill('fundsYtd')}>
          <Statistic title={t('累计到位资金', 'Funds YTD')} value={formatYi(s.fundsYtdYuan)} valueStyle={{ ...nowrap, color: '#c0392b' }} />
          <div data-testid="kpi-funds" style={{ display: 'none' }}>
            {formatYiZh(s.fundsYtdYuan)}
          </div>
          <Typography.Text type="secondary">
            {t('上年同期', 'Last year')} {formatYi(s.fundsYtdLastYearYuan)}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Card size="small" {...drill('headlineYtd')}>
          <Statistic
            title={t('完成全年目标', 'Of annual target')}
            value={formatPercent(s.completion)}
            valueStyle={{ ...nowrap, color: behind ? RED : undefined }}
          />
          <Progress
            percent={Math.min(100, (s.completion ?? 0) * 100)}
            showInfo={false}
            size="small"
            strokeColor={behind ? RED : BLUE}
            success={{ percent: 0 }}
          />
          <Typography.Text type="secondary">
            {t('时间进度', 'Time elapsed')} {formatPercent(s.timeProgress)}
            {s.targetBaseYuan === null ? t('（未下达目标）', ' (no target)') : ''}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Card size="small" {...drill('fundsYtdLastYear')}>
          <Statistic
            title={t('同比', 'Year on year')}
            value={s.yoy === null ? '—' : formatPercent(s.yoy)}
            valueStyle={{ ...nowrap, color: s.yoy !== null && s.yoy < 0 ? RED : '#389e0d' }}
          />
          <Typography.Text type="secondary">{growth}</Typography.Text>
        </Card>
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Card size="small" {...drill('foreignUsdYtd')}>
          <Statistic title={t('利用外资', 'Foreign capital')} value={formatWanUsd(s.foreignUsdYtd)} valueStyle={nowrap} />
          <Typography.Text type="secondary">
            {t('境外资金', 'Abroad')} {formatYi(s.abroadYtdYuan)}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Card size="small" {...drill('outsideRegionYtd')}>
          <Statistic title={t('域外资金', 'From outside the city')} value={formatYi(s.outsideRegionYtdYuan)} valueStyle={nowrap} />
          <Typography.Text type="secondary">
            {t('占比', 'Share')} {formatPercent(ratio(s.outsideRegionYtdYuan, s.fundsYtdYuan))}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Card size="small" {...drill('contractsYtd')}>
          <Statistic title={t('新签约项目', 'Contracts signed')} value={s.contractsYtd.count} suffix={t('个', ' ')} valueStyle={nowrap} />
          <Typography.Text type="secondary">
            {t('总投资', 'Investment')} {formatYi(s.contractsYtd.totalInvestmentYuan)}
          </Typography.Text>
        </Card>
      </Col>
    </Row>
  );
}

export function DashboardPage() {
  const t = useT();
  const { locale } = useLocale();
  const { formatTotal, formatWan, formatYi } = useMoney();
  const wanUnit = t('万元', '10k CNY');
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const latest = useLatestPeriod();
  const period = params.get('period') ?? latest.data?.period;
  const unit = me.cityWide ? (params.get('unit') ?? undefined) : undefined;
  const scope = { period, unit };
  const stats = useDispatch(scope);
  const monthly = useMonthly(scope);
  const breakdown = useBreakdown(scope);
  const drill = useDrilldownDrawer(scope);
  const units = useUnits(me.cityWide);
  const s = stats.data;
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (!next.get('period') && period) next.set('period', period);
    setParams(next, { replace: true });
  };
  const go = (path: string, q: Record<string, string | undefined>) => {
    const u = new URLSearchParams(Object.entries({ ...q, unitCode: q.unitCode ?? unit }).filter(([, v]) => v) as [string, string][]);
    navigate(`${path}?${u.toString()}`);
  };

  const monthlyOption = useMemo(
    () =>
      monthly.data && {
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${wanValue(v)} ${wanUnit}` },
        legend: {
          top: 0,
          right: 10,
          data: [t(`${monthly.data.year}年`, `${monthly.data.year}`), t(`${monthly.data.year - 1}年`, `${monthly.data.year - 1}`)],
        },
        grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: monthly.data.months.map((m) => t(`${m.month}月`, MONTHS_EN[m.month - 1] ?? String(m.month))) },
        yAxis: { type: 'value', name: wanUnit },
        series: [
          {
            name: t(`${monthly.data.year}年`, `${monthly.data.year}`),
            type: 'bar',
            data: monthly.data.months.map((m) => (m.month <= monthly.data!.month ? wan(m.fundsYuan) : null)),
            itemStyle: { color: '#c0392b' },
          },
          {
            name: t(`${monthly.data.year - 1}年`, `${monthly.data.year - 1}`),
            type: 'line',
            data: monthly.data.months.map((m) => wan(m.lastYearYuan)),
            itemStyle: { color: GREY },
          },
        ],
      },
    [monthly.data, locale],
  ); // eslint-disable-line react-hooks/exhaustive-deps

  const unitOption = useMemo(
    () =>
      s &&
      (() => {
        const list = s.units.filter((u) => u.targetBaseYuan !== null);
        return {
          tooltip: {
            trigger: 'axis',
            formatter: (p: { dataIndex: number }[]) => {
              const u = list[p[0]!.dataIndex]!;
              return `${escapeHtml(u.name)}<br/>${t('完成率', 'Completion')} ${formatPercent(u.completion)}<br/>${t('到位', 'Funds')} ${formatYi(u.fundsYtdYuan)} / ${t('目标', 'Target')} ${formatYi(u.targetBaseYuan ?? 0)}`;
            },
          },
          grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
          // Long unit names are cut to the bar's room (the tooltip names them in full), tilted when many.
          xAxis: {
            type: 'category',
            data: list.map((u) => u.name),
            // A unit with nothing arrived has no bar: its name is clickable too.
            triggerEvent: true,
            axisLabel: { interval: 0, rotate: list.length > 6 ? 40 : 0, width: list.length > 6 ? 90 : 64, overflow: 'truncate' },
          },
          yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
          series: [
            {
              type: 'bar',
              name: t('完成率', 'Completion'),
              data: list.map((u) => ({
                value: Math.round((u.completion ?? 0) * 1000) / 10,
                itemStyle: { color: isBehind(u.completion, s.timeProgress) ? RED : BLUE },
              })),
              label: { show: true, position: 'top', formatter: (p: { value: number }) => percentPoints(p.value) },
              labelLayout: { hideOverlap: true },
              markLine: {
                symbol: 'none',
                data: [{ yAxis: Math.round(s.timeProgress * 1000) / 10, name: t('时间进度', 'Time progress') }],
                lineStyle: { color: '#fa8c16', type: 'dashed', width: 2 },
                label: { position: 'insideEndTop', formatter: `${t('时间进度', 'Time progress')} ${formatPercent(s.timeProgress)}` },
              },
            },
          ],
          _codes: list.map((u) => u.code),
        };
      })(),
    [s, locale],
  ); // eslint-disable-line react-hooks/exhaustive-deps

  const funnelOption = useMemo(
    () =>
      s && {
        tooltip: { trigger: 'item', formatter: t('{b}：{c} 个', '{b}: {c}') },
        series: [
          {
            type: 'funnel',
            sort: 'none',
            left: '10%',
            width: '80%',
            minSize: '15%',
            gap: 2,
            label: { show: true, position: 'inside', formatter: '{b} {c}' },
            data: ALL_STAGES.filter((k) => k !== 'dropped').map((k) => ({ name: t(...STAGE_NAMES[k]), value: s.stageCounts[k], stage: k })),
          },
        ],
      },
    [s, locale],
  ); // eslint-disable-line react-hooks/exhaustive-deps

  const originOption = useMemo(
    () =>
      breakdown.data &&
      (() => {
        const b = breakdown.data!;
        const scopes = b.originScopes.map((o) => ({
          name: ORIGIN_SCOPE_NAMES[o.key]
            ? labelT(t, ORIGIN_SCOPE_NAMES, o.key)
            : o.key === 'unknown'
              ? t(o.label, 'No investor')
              : o.label,
          value: wan(o.fundsYuan),
          yuan: o.fundsYuan,
          key: o.key,
          kind: 'scope',
        }));
        const groups = b.originGroups.map((o) => ({
          name: ORIGIN_GROUP_NAMES[o.key] ? labelT(t, ORIGIN_GROUP_NAMES, o.key) : o.label,
          value: wan(o.fundsYuan),
          yuan: o.fundsYuan,
          key: o.key,
          kind: 'group',
        }));
        // The regions are parts of 省外; the ring's whole is all funds, so each arc shows its true share.
        const rest = Math.max(0, b.fundsYtdYuan - b.originGroups.reduce((sum, o) => sum + o.fundsYuan, 0));
        const restItem = {
          name: '',
          value: wan(rest),
          yuan: rest,
          key: REST,
          kind: 'group',
          itemStyle: { color: 'transparent' },
          label: { show: false },
          labelLine: { show: false },
          emphasis: { disabled: true },
          tooltip: { show: false },
        };
        return {
          tooltip: {
            trigger: 'item',
            formatter: (p: { name: string; percent: number; data: { yuan: number } }) => {
              const n = escapeHtml(p.name);
              return t(
                `${n}：${formatTotal(p.data.yuan)}（占全部 ${percentPoints(p.percent)}）`,
                `${n}: ${formatTotal(p.data.yuan)} (${percentPoints(p.percent)} of all)`,
              );
            },
          },
          legend: {
            bottom: 0,
            left: 0,
            right: 0,
            itemWidth: 12,
            itemHeight: 8,
            itemGap: 8,
            textStyle: { fontSize: 11 },
            data: [...scopes, ...groups].map((x) => x.name),
          },
          series: [
            {
              type: 'pie',
              name: t('来源', 'Origin'),
              radius: ['24%', '46%'],
              center: ['50%', '40%'],
              label: {
                position: 'inner',
                formatter: (p: { percent: number }) => (p.percent >= 6 ? percentPoints(p.percent) : ''),
                fontSize: 11,
              },
              data: scopes,
            },
            {
              type: 'pie',
              name: t('区域', 'Region'),
              radius: ['52%', '60%'],
              center: ['50%', '40%'],
              avoidLabelOverlap: true,
              // The card is narrow: the region's name is in the legend, its share beside its arc.
              label: { formatter: (p: { percent: number }) => percentPoints(p.percent), fontSize: 11 },
              labelLine: { length: 6, length2: 6 },
              labelLayout: { hideOverlap: true },
              data: [...groups, restItem],
            },
          ],
        };
      })(),
    [breakdown.data, locale],
  ); // eslint-disable-line react-hooks/exhaustive-deps

  const industryOption = useMemo(
    () =>
      breakdown.data &&
      (() => {
        const list = breakdown.data!.industries.slice(0, 12).reverse();
        return {
          tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${wanValue(v)} ${wanUnit}` },
          grid: { left: 8, right: 24, top: 10, bottom: 28, containLabel: true },
          xAxis: { type: 'value', name: wanUnit, nameLocation: 'middle', nameGap: 24, splitNumber: 3 },
          yAxis: {
            type: 'category',
            data: list.map((i) =>
              INDUSTRY_NAMES[i.key as keyof typeof INDUSTRY_NAMES]
                ? labelT(t, INDUSTRY_NAMES, i.key)
                : i.key === ''
                  ? t(i.label, 'Not specified')
                  : i.label,
            ),
            axisLabel: { width: 100, overflow: 'truncate' },
          },
          series: [{ type: 'bar', data: list.map((i) => ({ value: wan(i.fundsYuan), key: i.key })), itemStyle: { color: '#d4380d' } }],
        };
      })(),
    [breakdown.data, locale],
  ); // eslint-disable-line react-hooks/exhaustive-deps

  const unitName = unit ? units.data?.find((u) => u.code === unit)?.name : me.cityWide ? undefined : me.unitName;
  return (
    <Page
      title={t('驾驶舱', 'Dashboard')}
      subTitle={
        s
          ? `${t(`${s.period.year}年1-${s.period.month}月`, `Jan–${MONTHS_EN[s.period.month - 1] ?? s.period.month} ${s.period.year}`)} · ${unitName ?? t('全市', 'Whole city')}`
          : undefined
      }
      extra={
        <>
          {me.cityWide && (
            <Select
              allowClear
              placeholder={t('全市', 'Whole city')}
              style={{ width: 180 }}
              value={unit}
              aria-label={t('单位', 'Unit')}
              options={(units.data ?? []).filter((u) => u.kind !== 'city').map((u) => ({ value: u.code, label: u.name }))}
              onChange={(v) => set('unit', v)}
            />
          )}
          <Space>
            <span>{t('报告期', 'Period')}</span>
            <DatePicker
              picker="month"
              allowClear={false}
              value={period ? dayjs(`${period}-01`) : null}
              format="YYYY-MM"
              aria-label={t('报告期', 'Period')}
              onChange={(d) => d && set('period', d.format('YYYY-MM'))}
            />
          </Space>
        </>
      }
    >
      {stats.error && <LoadError error={stats.error} retry={() => stats.refetch()} />}
      {latest.data && !latest.data.hasData && !params.get('period') && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('还没有已核实的到位资金，显示的是本月。', 'No verified funds yet; showing this month.')}
        />
      )}
      {!s ? (
        <Skeleton active />
      ) : (
        <>
          <Kpis s={s} onDrill={drill.open} />
          {drill.drawer}
          <WarningsPanel />
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={t('逐月到位资金（本年与上年同期）', 'Monthly funds vs last year')}
                extra={<Typography.Text type="secondary">{t('点击月份查看当月月报', 'Click a month')}</Typography.Text>}
              >
                {monthlyOption ? (
                  <Chart
                    option={monthlyOption}
                    testId="chart-monthly"
                    onClick={(e) => navigate(`/funds/board?period=${s.period.year}-${String(e.dataIndex + 1).padStart(2, '0')}`)}
                  />
                ) : (
                  <Skeleton active />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={t('各单位完成率与时间进度', 'Completion by unit vs time progress')}
                extra={
                  <Space size={4}>
                    <Tag color={RED}>{t('落后', 'Behind')}</Tag>
                    <Tag color={BLUE}>{t('达到', 'On track')}</Tag>
                  </Space>
                }
              >
                {unitOption && unitOption._codes.length ? (
                  <Chart
                    option={unitOption}
                    testId="chart-units"
                    onClick={(e) => {
                      const i = e.componentType === 'xAxis' ? unitOption.xAxis.data.indexOf(String(e.value)) : e.dataIndex;
                      const code = unitOption._codes[i];
                      if (code) go('/projects', { unitCode: code });
                    }}
                  />
                ) : (
                  <Empty description={t('没有下达到位资金目标的单位', 'No unit has a funds target')} />
                )}
              </Card>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Card
                size="small"
                title={t('项目推进漏斗', 'Pipeline')}
                extra={
                  <Typography.Text type="secondary">
                    {t('终止', 'Dropped')} {s.stageCounts.dropped}
                  </Typography.Text>
                }
              >
                {funnelOption && (
                  <Chart
                    option={funnelOption}
                    testId="chart-funnel"
                    onClick={(e) => go('/projects', { stage: (e.data as { stage: string }).stage })}
                  />
                )}
              </Card>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Card size="small" title={t('资金来源地', 'Origin of funds')}>
                {originOption && breakdown.data!.fundsYtdYuan > 0 ? (
                  <Chart
                    option={originOption}
                    testId="chart-origin"
                    clickable={(series, i) => {
                      const d = (originOption.series[series]?.data as { key: string }[] | undefined)?.[i];
                      return !!d && d.key !== 'unknown' && d.key !== REST;
                    }}
                    onClick={(e) => {
                      const d = e.data as { key: string; kind: string };
                      if (d.key === 'unknown' || d.key === REST) return;
                      go('/projects', d.kind === 'scope' ? { originScope: d.key } : { originScope: 'domestic', originGroup: d.key });
                    }}
                  />
                ) : (
                  <Empty description={t('本期无到位资金', 'No funds')} />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card size="small" title={t('行业分布', 'By industry')}>
                {industryOption && breakdown.data!.industries.length ? (
                  <Chart
                    option={industryOption}
                    testId="chart-industry"
                    clickable={(_, i) => !!(industryOption.series[0]?.data[i] as { key: string } | undefined)?.key}
                    onClick={(e) => {
                      const k = (e.data as { key: string }).key;
                      if (k) go('/projects', { industry: k });
                    }}
                  />
                ) : (
                  <Empty description={t('本期无到位资金', 'No funds')} />
                )}
              </Card>
            </Col>
            <Col xs={24}>
              <ForecastPanel period={period} unit={unit} />
            </Col>
            <Col xs={24}>
              <Card size="small" title={t('重点指标', 'Key figures')}>
                <Row gutter={12}>
                  <Col xs={12} md={6}>
                    <Statistic
                      title={t(`重大项目（${formatWan(s.largeProjects.thresholdYuan, 0)}以上域外）`, 'Large projects')}
                      value={s.largeProjects.count}
                      suffix={t('个', ' ')}
                    />
                    <Typography.Text type="secondary">
                      {t('到位', 'Funds')} {formatYi(s.largeProjects.fundsYtdYuan)}
                      {t('，', ', ')}
                      {t('占', 'share')} {formatPercent(s.largeProjects.share)}
                    </Typography.Text>
                  </Col>
                  <Col
                    xs={12}
                    md={6}
                    role="link"
                    tabIndex={0}
                    style={{ cursor: 'pointer' }}
                    onClick={() => navigate('/reserve')}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') navigate('/reserve');
                    }}
                  >
                    <Statistic title={t('储备项目', 'Reserve projects')} value={s.reserve.count} suffix={t('个', ' ')} />
                    <Typography.Text type="secondary">
                      {t('总投资', 'Investment')} {formatYi(s.reserve.totalInvestmentYuan)}
                    </Typography.Text>
                  </Col>
                  <Col
                    xs={12}
                    md={6}
                    role="link"
                    tabIndex={0}
                    style={{ cursor: 'pointer' }}
                    onClick={() => navigate('/activities?kind=trip')}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') navigate('/activities?kind=trip');
                    }}
                  >
                    <Statistic title={t('招商小分队', 'Promotion trips')} value={s.activities.trips} suffix={t('次', ' ')} />
                    <Typography.Text type="secondary">
                      {s.activities.personTimes} {t('人次', 'person-times')}
                    </Typography.Text>
                  </Col>
                  <Col xs={12} md={6}>
                    <Statistic
                      title={t('无实绩单位', 'Units with no result')}
                      value={s.zeroResultUnits.length}
                      suffix={t('个', ' ')}
                      valueStyle={{ color: s.zeroResultUnits.length ? RED : undefined }}
                    />
                    <Typography.Text type="secondary">
                      {s.units
                        .filter((u) => s.zeroResultUnits.includes(u.code))
                        .map((u) => u.name)
                        .join(t('、', ', ')) || '—'}
                    </Typography.Text>
                  </Col>
                </Row>
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Page>
  );
}
