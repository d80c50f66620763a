// The dashboard's forecast card: where the year will likely end, for the scope and each unit, and
// how sure we are — with the backtest error beside it, and a link to the full forecast.
import { Link } from 'react-router-dom';
import { Card, Empty, Progress, Skeleton, Table, Tag, Typography } from 'antd';
import type { ForecastDto } from '../../../../src/contracts/forecast';
import { formatPercent } from '../../../../src/domain/money';
import { useT } from '../../shared/i18n';
import { useMoney } from '../../shared/labels';
import { useForecastSummary } from './api/get-forecast-summary';
import { percentPoints } from '../../shared/format';

type UnitRow = ForecastDto['units'][number];

function Chance({ p }: { p: number | null }) {
  if (p === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const color = p >= 0.7 ? '#389e0d' : p >= 0.3 ? '#d48806' : '#cf1322';
  return (
    <Progress
      percent={Math.round(p * 1000) / 10}
      size="small"
      strokeColor={color}
      format={(v) => percentPoints(v ?? 0)}
      style={{ minWidth: 100, margin: 0 }}
    />
  );
}

export function ForecastPanel({ period, unit }: { period: string | undefined; unit: string | undefined }) {
  const t = useT();
  const { formatYi } = useMoney();
  const q = useForecastSummary(period, unit);
  const f = q.data;
  return (
    <Card
      size="small"
      title={t('全年预测', 'Year-end forecast')}
      data-testid="forecast-panel"
      extra={<Link to={`/forecast${period ? `?asOf=${period}` : ''}`}>{t('预测详情', 'Details')}</Link>}
    >
      {q.isLoading && <Skeleton active />}
      {q.error && (
        <Typography.Text type="danger">
          {t('预测暂时无法计算：', 'Forecast unavailable: ')}
          {(q.error as Error).message}
        </Typography.Text>
      )}
      {f && (
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {t(
              `按目前进度，${f.scope.name}预计全年完成 `,
              `At the current pace ${f.scope.unitCode ? f.scope.name : 'the city'} is expected to reach `,
            )}
            <b style={{ color: '#c0392b', whiteSpace: 'nowrap' }}>{formatYi(f.expectedYuan)}</b>
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {t('（80%区间 ', ' (80% range ')}
              {formatYi(f.lowYuan)} – {formatYi(f.highYuan)}
              {t('）', ')')}
            </Typography.Text>
            {f.probabilityBase !== null && (
              <>
                {t('，完成确保目标的概率 ', '; chance of the base target ')}
                <b>{formatPercent(f.probabilityBase)}</b>
              </>
            )}
            {f.probabilityStretch !== null && (
              <>
                {t('，力争目标 ', ', stretch ')}
                <b>{formatPercent(f.probabilityStretch)}</b>
              </>
            )}
            {t('。', '.')}
            {f.backtest.mape !== null && (
              <Typography.Text type="secondary">
                {t(` 回测往年同期平均误差 ${formatPercent(f.backtest.mape)}。`, ` Backtest mean error ${formatPercent(f.backtest.mape)}.`)}
              </Typography.Text>
            )}
          </Typography.Paragraph>
          {f.units.length > 1 && (
            <Table<UnitRow>
              size="small"
              rowKey="code"
              pagination={false}
              scroll={{ y: 260 }}
              dataSource={[...f.units].sort((a, b) => (a.probabilityBase ?? 2) - (b.probabilityBase ?? 2))}
              locale={{ emptyText: <Empty description={t('没有单位', 'No units')} /> }}
              columns={[
                { title: t('单位', 'Unit'), dataIndex: 'name', ellipsis: true },
                {
                  title: t('预计全年', 'Expected'),
                  align: 'right',
                  render: (_, u) => <span style={{ whiteSpace: 'nowrap' }}>{formatYi(u.expectedYuan)}</span>,
                },
                { title: t('完成确保概率', 'Chance (base)'), width: 140, render: (_, u) => <Chance p={u.probabilityBase} /> },
                { title: '', width: 90, render: (_, u) => (u.gapUncovered ? <Tag color="red">{t('缺口难补', 'Gap')}</Tag> : null) },
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
}
