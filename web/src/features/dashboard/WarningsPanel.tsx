// The dashboard's warnings: counts by rule and by unit, the red list, supervision open and overdue.
// A unit user sees its own unit only (the server scopes the summary).
import { Link } from 'react-router-dom';
import { Card, Col, Empty, List, Row, Statistic, Table, Tag, Typography } from 'antd';
import { WARNING_RULE_LABELS, type WarningRule } from '../../../../src/domain/warnings';
import { useT } from '../../shared/i18n';
import { useWarningSummary } from './api/get-warning-summary';

export function WarningsPanel() {
  const t = useT();
  const q = useWarningSummary();
  const s = q.data;
  if (!s) return null;
  return (
    <Card
      size="small"
      title={<Link to="/warnings">{t('预警与督办', 'Warnings and supervision')}</Link>}
      style={{ marginBottom: 12 }}
      data-testid="warnings-panel"
    >
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Statistic title={t('红色预警', 'Red')} value={s.red} valueStyle={{ color: s.red ? '#cf1322' : undefined }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('黄色预警', 'Yellow')} value={s.yellow} valueStyle={{ color: s.yellow ? '#d48806' : undefined }} />
        </Col>
        <Col xs={12} md={6}>
          <Link to="/supervision">
            <Statistic title={t('督办在办', 'Tasks open')} value={s.tasks.open} />
          </Link>
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('督办超期', 'Tasks overdue')}
            value={s.tasks.overdue}
            valueStyle={{ color: s.tasks.overdue ? '#cf1322' : undefined }}
          />
        </Col>
        <Col xs={24} xl={8}>
          <Table
            size="small"
            rowKey="rule"
            pagination={false}
            dataSource={s.byRule}
            locale={{ emptyText: t('无预警', 'None') }}
            columns={[
              {
                title: t('规则', 'Rule'),
                dataIndex: 'rule',
                render: (r: WarningRule) => <Link to={`/warnings?rule=${r}`}>{WARNING_RULE_LABELS[r]}</Link>,
              },
              { title: t('红', 'Red'), dataIndex: 'red', width: 50 },
              { title: t('黄', 'Yellow'), dataIndex: 'yellow', width: 50 },
            ]}
          />
        </Col>
        <Col xs={24} xl={8}>
          <Table
            size="small"
            rowKey="unitCode"
            pagination={false}
            dataSource={s.byUnit.slice(0, 12)}
            locale={{ emptyText: t('无预警', 'None') }}
            columns={[
              {
                title: t('单位', 'Unit'),
                dataIndex: 'unitName',
                render: (n: string, r) => <Link to={`/warnings?unit=${r.unitCode}`}>{n}</Link>,
              },
              { title: t('红', 'Red'), dataIndex: 'red', width: 50 },
              { title: t('黄', 'Yellow'), dataIndex: 'yellow', width: 50 },
            ]}
          />
        </Col>
        <Col xs={24} xl={8}>
          <Typography.Text strong>{t('红色清单', 'Red list')}</Typography.Text>
          {s.redList.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('没有红色预警', 'No red warnings')} />
          ) : (
            <List
              size="small"
              dataSource={s.redList.slice(0, 8)}
              renderItem={(w) => (
                <List.Item>
                  <span>
                    <Tag color="red">{WARNING_RULE_LABELS[w.rule]}</Tag>
                    {w.projectId ? (
                      <Link to={`/projects/${w.projectId}`}>{w.projectName}</Link>
                    ) : w.activityId ? (
                      <Link to={`/activities/${w.activityId}`}>{w.unitName}</Link>
                    ) : w.inquiryId ? (
                      <Link to="/reserve/inquiries">{w.unitName}</Link>
                    ) : (
                      w.unitName
                    )}
                  </span>
                </List.Item>
              )}
            />
          )}
          {s.redList.length > 8 && <Link to="/warnings?level=red">{t(`查看全部 ${s.red} 条`, `All ${s.red}`)}</Link>}
        </Col>
      </Row>
    </Card>
  );
}
