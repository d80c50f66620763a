// Each role lands on its own work: the reporter on this month's entry and what was returned to
// them, the unit head on what waits for approval, the city office on the status board and the
// verification queue, the supervisor on who lags; the leader goes straight to the 驾驶舱.
import { Navigate, Link } from 'react-router-dom';
import { Alert, Button, Card, Col, Empty, List, Progress, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { FundEntry, Submission } from '../../../../src/contracts/funds';
import { reportingPeriod } from '../../../../src/domain/period';
import { behindPoints, isBehind } from '../../../../src/domain/stats';
import { formatPercent } from '../../../../src/domain/money';
import { LoadError, Page } from '../../components/Page';
import { useT } from '../../shared/i18n';
import { labelT, SUBMISSION_STATUS_NAMES, useMoney } from '../../shared/labels';
import { useMe } from '../../shared/session';
import { homeKind } from '../../shared/roleHome';
import { useEntriesInStatus } from './api/get-entries';
import { useSubmission } from './api/get-submission';
import { useSubmissions } from './api/get-submissions';
import { useLatestDispatch } from './api/get-dispatch';

const sum = (xs: FundEntry[]) => xs.reduce((a, e) => a + e.amountYuan, 0);

/** Entries grouped by period, newest first: [period, entries]. */
function byPeriod(xs: FundEntry[]): [string, FundEntry[]][] {
  const m = new Map<string, FundEntry[]>();
  for (const e of xs) m.set(e.period, [...(m.get(e.period) ?? []), e]);
  return [...m.entries()].sort((a, b) => b[0].localeCompare(a[0]));
}

function MonthCard({ unitCode, period }: { unitCode: string; period: string }) {
  const t = useT();
  const { formatWan } = useMoney();
  const sub = useSubmission(unitCode, period);
  const s = sub.data;
  return (
    <Card
      title={t(`本月填报 · ${period}`, `This month · ${period}`)}
      extra={
        <Link to={`/funds?period=${period}`}>
          <Button type="primary">{t('去填报', 'Enter funds')}</Button>
        </Link>
      }
    >
      {sub.error ? (
        <LoadError error={sub.error} retry={() => sub.refetch()} />
      ) : !s ? (
        <Skeleton active />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Tag color={s.status === 'returned' ? 'red' : s.status === 'approved' ? 'green' : 'blue'}>
              {labelT(t, SUBMISSION_STATUS_NAMES, s.status)}
            </Tag>
            <span>
              {t(`${s.counts.total} 条，合计 ${formatWan(s.amountYuan)}`, `${s.counts.total} entries, ${formatWan(s.amountYuan)}`)}
            </span>
          </Space>
          {s.status === 'returned' && s.returnedReason && (
            <Alert type="warning" showIcon message={t(`月报被退回：${s.returnedReason}`, `Returned: ${s.returnedReason}`)} />
          )}
          {s.status === 'not_started' && (
            <Typography.Text type="secondary">{t('本月还没有录入到位资金。', 'Nothing entered for this month yet.')}</Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}

function EntriesByPeriod({
  title,
  entries,
  loading,
  empty,
  showReason,
}: {
  title: string;
  entries: FundEntry[] | undefined;
  loading: boolean;
  empty: string;
  showReason?: boolean;
}) {
  const t = useT();
  const { formatWan } = useMoney();
  return (
    <Card title={title}>
      {loading ? (
        <Skeleton active />
      ) : !entries?.length ? (
        <Empty description={empty} />
      ) : (
        <List
          dataSource={byPeriod(entries)}
          renderItem={([period, xs]) => (
            <List.Item
              actions={[
                <Link key="go" to={`/funds?period=${period}`}>
                  {t('打开', 'Open')}
                </Link>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{period}</span>
                    <span>{t(`${xs.length} 条`, `${xs.length} entries`)}</span>
                    <span style={{ whiteSpace: 'nowrap' }}>{formatWan(sum(xs))}</span>
                  </Space>
                }
                description={
                  showReason
                    ? xs.map((e) => `${e.projectName}：${e.returnedReason ?? ''}`).join('；')
                    : xs.map((e) => e.projectName).join('、')
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function UnitHome({ head }: { head: boolean }) {
  const t = useT();
  const me = useMe();
  const unitCode = me.unitCode ?? '';
  const period = reportingPeriod();
  const returned = useEntriesInStatus('returned', unitCode);
  const waiting = useEntriesInStatus('submitted', unitCode);
  return (
    <Page title={t(`${me.unitName ?? ''} · 我的工作`, 'My work')}>
      <Row gutter={[12, 12]}>
        {head && (
          <Col xs={24} lg={12}>
            <EntriesByPeriod
              title={t('等待您审核', 'Waiting for your approval')}
              entries={waiting.data}
              loading={waiting.isLoading}
              empty={t('没有等待审核的月报', 'Nothing waits for approval')}
            />
          </Col>
        )}
        <Col xs={24} lg={12}>
          <MonthCard unitCode={unitCode} period={period} />
        </Col>
        <Col xs={24} lg={12}>
          <EntriesByPeriod
            title={t('退回给我们的', 'Returned to us')}
            entries={returned.data}
            loading={returned.isLoading}
            showReason
            empty={t('没有被退回的条目', 'Nothing was returned')}
          />
        </Col>
      </Row>
    </Page>
  );
}

function CityOfficeHome() {
  const t = useT();
  const { formatWan } = useMoney();
  const period = reportingPeriod();
  const subs = useSubmissions(period);
  const queue = useEntriesInStatus('approved');
  const units = (subs.data ?? []).filter((s) => s.unitCode !== '');
  const count = (st: Submission['status'][]) => units.filter((s) => st.includes(s.status)).length;
  const notSubmitted = units.filter((s) => s.status === 'not_started' || s.status === 'draft' || s.status === 'returned');
  return (
    <Page title={t('市招商办 · 工作台', 'City office')} subTitle={t(`报告期 ${period}`, `Period ${period}`)}>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card
            title={t('月报进度', 'Submissions')}
            extra={<Link to={`/funds/board?period=${period}`}>{t('查看全部', 'Open board')}</Link>}
          >
            {subs.error ? (
              <LoadError error={subs.error} retry={() => subs.refetch()} />
            ) : !subs.data ? (
              <Skeleton active />
            ) : (
              <>
                <Row gutter={8}>
                  <Col span={6}>
                    <Statistic
                      title={t('未报送', 'Not submitted')}
                      value={notSubmitted.length}
                      valueStyle={{ color: notSubmitted.length ? '#cf1322' : undefined }}
                    />
                  </Col>
                  <Col span={6}>
                    <Statistic title={t('待审核', 'To approve')} value={count(['submitted'])} />
                  </Col>
                  <Col span={6}>
                    <Statistic title={t('待核实', 'To verify')} value={count(['approved'])} />
                  </Col>
                  <Col span={6}>
                    <Statistic title={t('单位数', 'Units')} value={units.length} />
                  </Col>
                </Row>
                {notSubmitted.length > 0 && (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                    {t('未报送：', 'Not submitted: ')}
                    {notSubmitted.map((s) => s.unitName).join('、')}
                  </Typography.Paragraph>
                )}
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('待核实的到位资金', 'Verification queue')} extra={<Link to="/funds/verify">{t('去核实', 'Verify')}</Link>}>
            {queue.isLoading ? (
              <Skeleton active />
            ) : !queue.data?.length ? (
              <Empty description={t('没有待核实的条目', 'Nothing to verify')} />
            ) : (
              <Table
                size="small"
                rowKey="unitCode"
                pagination={false}
                dataSource={[...new Set(queue.data.map((e) => e.unitCode))].map((u) => {
                  const xs = queue.data!.filter((e) => e.unitCode === u);
                  return { unitCode: u, unitName: xs[0]!.unitName, n: xs.length, amount: sum(xs) };
                })}
                columns={[
                  { title: t('单位', 'Unit'), dataIndex: 'unitName' },
                  { title: t('条数', 'Entries'), dataIndex: 'n', align: 'right' },
                  {
                    title: t('金额', 'Amount'),
                    align: 'right',
                    render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatWan(r.amount)}</span>,
                  },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </Page>
  );
}

function SupervisorHome() {
  const t = useT();
  const { formatWan, formatYi, formatGrowth } = useMoney();
  const d = useLatestDispatch();
  const s = d.data;
  const behind = (s?.units ?? [])
    .filter((u) => u.targetBaseYuan !== null && isBehind(u.completion, s!.timeProgress))
    .sort((a, b) => (behindPoints(b.completion, s!.timeProgress) ?? 0) - (behindPoints(a.completion, s!.timeProgress) ?? 0));
  const falling = (s?.units ?? []).filter((u) => u.yoy !== null && u.yoy < 0);
  return (
    <Page
      title={t('督查 · 工作台', 'Supervision')}
      subTitle={
        s
          ? t(
              `${s.period.year}年1-${s.period.month}月，时间进度 ${formatPercent(s.timeProgress)}`,
              `Jan–${s.period.month}/${s.period.year}, time progress ${formatPercent(s.timeProgress)}`,
            )
          : undefined
      }
      extra={
        <Link to="/dashboard">
          <Button>{t('打开驾驶舱', 'Open dashboard')}</Button>
        </Link>
      }
    >
      {d.error ? (
        <LoadError error={d.error} retry={() => d.refetch()} />
      ) : !s ? (
        <Skeleton active />
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={24}>
            <Card size="small">
              <Space wrap size="large">
                <Statistic title={t('全市到位资金', 'City funds')} value={formatYi(s.fundsYtdYuan)} />
                <Statistic
                  title={t('完成率', 'Completion')}
                  value={formatPercent(s.completion)}
                  valueStyle={{ color: isBehind(s.completion, s.timeProgress) ? '#cf1322' : undefined }}
                />
                <Statistic title={t('同比', 'YoY')} value={formatGrowth(s.yoy)} />
                <Statistic title={t('落后时间进度的单位', 'Units behind')} value={behind.length} suffix={t('个', '')} />
              </Space>
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card title={t('落后于时间进度的单位', 'Units behind time progress')}>
              {!behind.length ? (
                <Empty description={t('没有落后的单位', 'No unit is behind')} />
              ) : (
                <Table
                  size="small"
                  rowKey="code"
                  pagination={false}
                  dataSource={behind}
                  columns={[
                    {
                      title: t('单位', 'Unit'),
                      dataIndex: 'name',
                      render: (v: string, u) => <Link to={`/projects?unitCode=${u.code}`}>{v}</Link>,
                    },
                    {
                      title: t('完成率', 'Completion'),
                      width: 200,
                      render: (_, u) => (
                        <Progress
                          percent={Math.round((u.completion ?? 0) * 1000) / 10}
                          size="small"
                          status="exception"
                          format={() => formatPercent(u.completion)}
                        />
                      ),
                    },
                    {
                      title: t('落后', 'Behind by'),
                      align: 'right',
                      render: (_, u) =>
                        t(
                          `${((behindPoints(u.completion, s.timeProgress) ?? 0) * 100).toFixed(1)}个百分点`,
                          `${((behindPoints(u.completion, s.timeProgress) ?? 0) * 100).toFixed(1)} pts`,
                        ),
                    },
                    {
                      title: t('到位资金', 'Funds'),
                      align: 'right',
                      render: (_, u) => <span style={{ whiteSpace: 'nowrap' }}>{formatWan(u.fundsYtdYuan)}</span>,
                    },
                  ]}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={t('同比下降与无实绩', 'Falling and zero results')}>
              <List
                size="small"
                dataSource={[
                  ...s.units
                    .filter((u) => s.zeroResultUnits.includes(u.code))
                    .map((u) => ({ key: `z${u.code}`, text: t(`${u.name}：本年无到位资金`, `${u.name}: no funds this year`) })),
                  ...falling.map((u) => ({ key: `f${u.code}`, text: `${u.name}：${formatGrowth(u.yoy)}` })),
                ]}
                locale={{ emptyText: t('没有', 'None') }}
                renderItem={(x) => <List.Item key={x.key}>{x.text}</List.Item>}
              />
            </Card>
          </Col>
        </Row>
      )}
    </Page>
  );
}

export function HomePage() {
  const me = useMe();
  const kind = homeKind(me);
  if (kind === 'reporter') return <UnitHome head={false} />;
  if (kind === 'unit_head') return <UnitHome head />;
  if (kind === 'city_office') return <CityOfficeHome />;
  if (kind === 'supervisor') return <SupervisorHome />;
  return <Navigate to="/dashboard" replace />;
}
