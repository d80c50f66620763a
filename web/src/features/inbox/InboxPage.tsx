// 我的待办: warnings, supervision tasks, follow-ups, submissions, approvals and verifications,
// red first, each linking to the page where it is done.
import { Link, useSearchParams } from 'react-router-dom';
import { Card, Col, Empty, List, Row, Segmented, Skeleton, Statistic, Tag, Typography } from 'antd';
import type { InboxItem } from '../../../../src/contracts/warnings';
import { LoadError, Page } from '../../components/Page';
import { useT } from '../../shared/i18n';
import type { TFn } from '../../shared/labels';
import { useInbox } from './api/get-inbox';

const KIND_TEXT = (t: TFn): Record<InboxItem['kind'], string> => ({
  warning: t('预警', 'Warning'),
  task: t('督办', 'Supervision'),
  follow_up: t('跟进', 'Follow-up'),
  submission: t('报送', 'Submission'),
  approval: t('审核', 'Approval'),
  verification: t('核实', 'Verification'),
});
const LEVEL_COLOUR = { red: 'red', yellow: 'gold', blue: 'blue' } as const;

export function InboxPage() {
  const t = useT();
  const q = useInbox();
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? 'all';
  const c = q.data?.counts;
  const items = (q.data?.items ?? []).filter((i) => kind === 'all' || i.kind === kind);
  const kinds = KIND_TEXT(t);
  return (
    <Page title={t('我的待办', 'My to-do')}>
      {q.error && <LoadError error={q.error} retry={() => q.refetch()} />}
      {!c ? (
        !q.error && <Skeleton active />
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            {(
              [
                ['warnings', t('预警', 'Warnings')],
                ['tasks', t('督办', 'Tasks')],
                ['followUps', t('待跟进', 'Follow-ups')],
                ['submissions', t('待报送', 'Submissions')],
                ['approvals', t('待审核', 'Approvals')],
                ['verifications', t('待核实', 'Verifications')],
              ] as const
            ).map(([k, label]) => (
              <Col key={k} xs={8} md={4}>
                <Card size="small">
                  <Statistic title={label} value={c[k]} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small">
            <Segmented
              style={{ marginBottom: 12 }}
              value={kind}
              onChange={(v) => {
                const n = new URLSearchParams(params);
                if (v === 'all') n.delete('kind');
                else n.set('kind', String(v));
                setParams(n, { replace: true });
              }}
              options={[
                { value: 'all', label: t(`全部 ${c.total}`, `All ${c.total}`) },
                ...(['warning', 'task', 'follow_up', 'submission', 'approval', 'verification'] as const).map((k) => ({
                  value: k,
                  label: kinds[k],
                })),
              ]}
            />
            {items.length === 0 ? (
              <Empty description={t('没有待办事项，一切正常', 'Nothing to do')} />
            ) : (
              <List
                size="small"
                dataSource={items}
                pagination={items.length > 30 ? { pageSize: 30, size: 'small' } : false}
                renderItem={(i) => (
                  <List.Item>
                    <List.Item.Meta
                      avatar={<Tag color={LEVEL_COLOUR[i.level]}>{kinds[i.kind]}</Tag>}
                      title={<Link to={`/${i.link}`}>{i.title}</Link>}
                      description={<Typography.Text type="secondary">{i.detail}</Typography.Text>}
                    />
                    {i.date && <Typography.Text type="secondary">{i.date}</Typography.Text>}
                  </List.Item>
                )}
              />
            )}
          </Card>
        </>
      )}
    </Page>
  );
}
