// 考核: every unit's score sheet — indicator, value, target, completion, weight, points, and each
// deduction with its reason.
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, DatePicker, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { AssessmentDto } from '../../../../src/contracts/assessment';
import { formatPercent } from '../../../../src/domain/money';
import { download } from '../../lib/api';
import { useAssessment } from './api/get-assessment';
import { LoadError, Page } from '../../components/Page';
import { useT } from '../../shared/i18n';
import { TARGET_INDICATOR_NAMES, labelT, useMoney } from '../../shared/labels';

type UnitRow = AssessmentDto['units'][number];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pts = (x: number) => (Math.round(x * 100) / 100).toFixed(2);

export function AssessmentPage() {
  const t = useT();
  const { formatWan, formatWanUsd } = useMoney();
  const val = (ind: string, v: number | null) =>
    v === null ? '—' : ind === 'funds' ? formatWan(v) : ind === 'foreign' ? formatWanUsd(v) : t(`${v}个`, String(v));
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? undefined;
  const q = useAssessment(period);
  const a = q.data;
  const shown = a ? `${a.year}-${String(a.month).padStart(2, '0')}` : undefined;
  return (
    <Page
      title={t('考核', 'Assessment')}
      subTitle={
        a
          ? t(`${a.year}年1-${a.month}月，截至 ${a.asOf}`, `Jan–${MONTHS_EN[a.month - 1] ?? a.month} ${a.year}, as of ${a.asOf}`)
          : undefined
      }
      extra={
        <>
          <Space>
            <span>{t('考核期', 'Period')}</span>
            <DatePicker
              picker="month"
              allowClear={false}
              value={shown ? dayjs(`${shown}-01`) : null}
              format="YYYY-MM"
              aria-label={t('考核期', 'Period')}
              onChange={(d) => d && setParams({ period: d.format('YYYY-MM') }, { replace: true })}
            />
          </Space>
          <Button icon={<FileExcelOutlined />} onClick={() => download('/assessment.xlsx', { period: shown })} disabled={!a}>
            {t('导出 Excel', 'Export Excel')}
          </Button>
        </>
      }
    >
      {q.error && <LoadError error={q.error} retry={() => q.refetch()} />}
      {a && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'm', label: t('方法', 'Method'), children: a.methodText, span: 3 },
              {
                key: 'w',
                label: t('权重', 'Weights'),
                children: t(
                  `到位资金 ${a.weights.funds}，利用外资 ${a.weights.foreign}，签约项目 ${a.weights.contracts}`,
                  `Funds in place ${a.weights.funds}, foreign investment ${a.weights.foreign}, contracts signed ${a.weights.contracts}`,
                ),
              },
              { key: 'c', label: t('完成率上限', 'Cap'), children: formatPercent(a.cap) },
              {
                key: 'd',
                label: t('扣分规则', 'Deductions'),
                children: t(
                  `月报未按时报送每月扣 ${a.deductMissingSubmission} 分；签约超过 ${a.contractStartDays} 天未开工每个扣 ${a.deductContractNotStarted} 分`,
                  `${a.deductMissingSubmission} points per late monthly report; ${a.deductContractNotStarted} points per contract not started within ${a.contractStartDays} days`,
                ),
              },
            ]}
          />
          <Typography.Text type="secondary">
            {t('方法、权重、上限和扣分标准在“系统设置”中修改。', 'Method, weights, cap and deductions are changed in Settings.')}
          </Typography.Text>
        </Card>
      )}
      <Table<UnitRow>
        size="small"
        rowKey="code"
        loading={q.isLoading}
        pagination={false}
        scroll={{ x: 800 }}
        dataSource={a ? [...a.units].sort((x, y) => (x.rank ?? 1e9) - (y.rank ?? 1e9)) : []}
        expandable={{
          defaultExpandAllRows: false,
          expandedRowRender: (u) => (
            <div style={{ paddingLeft: 24 }}>
              <Table
                size="small"
                rowKey="indicator"
                pagination={false}
                dataSource={u.indicators}
                style={{ maxWidth: 960 }}
                columns={[
                  {
                    title: t('指标', 'Indicator'),
                    dataIndex: 'label',
                    render: (l: string, i) =>
                      TARGET_INDICATOR_NAMES[i.indicator as keyof typeof TARGET_INDICATOR_NAMES]
                        ? labelT(t, TARGET_INDICATOR_NAMES, i.indicator)
                        : l,
                  },
                  { title: t('完成值', 'Value'), render: (_, i) => val(i.indicator, i.value) },
                  { title: t('目标（确保）', 'Target'), render: (_, i) => val(i.indicator, i.target) },
                  { title: t('完成率', 'Completion'), render: (_, i) => formatPercent(i.completion) },
                  {
                    title: t('权重', 'Weight'),
                    render: (_, i) =>
                      i.effectiveWeight === i.weight || i.effectiveWeight === 0 ? i.weight : `${i.weight} → ${pts(i.effectiveWeight)}`,
                  },
                  ...(a?.method === 'efficacy'
                    ? [
                        {
                          title: t('功效分', 'Efficacy'),
                          render: (_: unknown, i: UnitRow['indicators'][number]) => (i.efficacy === null ? '—' : pts(i.efficacy)),
                        },
                      ]
                    : []),
                  { title: t('得分', 'Points'), render: (_, i) => <b>{pts(i.points)}</b> },
                  { title: t('说明', 'Note'), dataIndex: 'note' },
                ]}
              />
              {u.deductions.length > 0 && (
                <Alert
                  style={{ marginTop: 8, maxWidth: 960 }}
                  type="warning"
                  message={t(`扣分 ${pts(u.deductionTotal)} 分`, `Deductions ${pts(u.deductionTotal)}`)}
                  description={
                    <ul style={{ margin: 0, paddingLeft: 18 }}>
                      {u.deductions.map((d, i) => (
                        <li key={i}>
                          {d.reason}：−{d.points}
                        </li>
                      ))}
                    </ul>
                  }
                />
              )}
            </div>
          ),
        }}
        columns={[
          { title: t('名次', 'Rank'), dataIndex: 'rank', width: 70, render: (r) => r ?? <Tag>{t('不排名', 'n/a')}</Tag> },
          { title: t('单位', 'Unit'), dataIndex: 'name' },
          ...['funds', 'foreign', 'contracts'].map((k, idx) => ({
            title: [t('到位资金', 'Funds in place'), t('利用外资', 'Foreign investment'), t('签约项目', 'Contracts signed')][idx],
            render: (_: unknown, u: UnitRow) => pts(u.indicators.find((i) => i.indicator === k)?.points ?? 0),
          })),
          { title: t('小计', 'Subtotal'), render: (_, u) => pts(u.subtotal) },
          {
            title: t('扣分', 'Deducted'),
            render: (_, u) => (u.deductionTotal ? <span style={{ color: '#cf1322' }}>−{pts(u.deductionTotal)}</span> : '0.00'),
          },
          { title: t('总分', 'Score'), render: (_, u) => <b data-testid={`score-${u.code}`}>{pts(u.score)}</b> },
        ]}
      />
    </Page>
  );
}
