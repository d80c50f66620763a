import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Spin, Table, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { INDUSTRY_NAMES, OWNERSHIP_NAMES, STAGE_NAMES, labelT, useMoney } from '../../shared/labels';
import { useT } from '../../shared/i18n';
import { LoadError, Page } from '../../components/Page';
import { useCan } from '../../shared/session';
import { useInvestor } from './api/get-investor';
import { InvestorForm } from './InvestorForm';
import { ORIGIN_SCOPE_TEXT } from './InvestorsPage';
import { Money } from '../../shared/Money';

export function InvestorPage() {
  const t = useT();
  const { formatWan } = useMoney();
  const id = Number(useParams().id);
  const inv = useInvestor(id);
  const canWrite = useCan('project.write');
  const [editing, setEditing] = useState(false);
  if (inv.error) return <LoadError error={inv.error} retry={() => void inv.refetch()} />;
  const i = inv.data;
  if (!i) return <Spin />;
  return (
    <Page
      title={i.name}
      subTitle={i.creditCode ?? t('未登记信用代码', 'No credit code')}
      extra={
        canWrite && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('编辑', 'Edit')}
          </Button>
        )
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('所在地', 'Location')}>
            {i.originName ?? '—'}
            {i.originScope && <Tag style={{ marginLeft: 4 }}>{labelT(t, ORIGIN_SCOPE_TEXT, i.originScope)}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('行政区划/国家代码', 'Division/country code')}>{i.originCode ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('企业性质', 'Ownership')}>
            {i.ownership ? labelT(t, OWNERSHIP_NAMES, i.ownership) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('行业门类', 'Industry section')}>
            {i.industry ? `${i.industry} ${labelT(t, INDUSTRY_NAMES, i.industry)}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('联系人', 'Contacts')} span={2}>
            {i.contacts.length
              ? i.contacts.map((c) => `${c.name}${c.role ? `（${c.role}）` : ''}${c.phone ? ` ${c.phone}` : ''}`).join('；')
              : '—'}
          </Descriptions.Item>
          {i.notes && (
            <Descriptions.Item label={t('备注', 'Notes')} span={3}>
              {i.notes}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small" title={t('投资项目', 'Projects')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={i.projects}
          locale={{
            emptyText: t('暂无关联项目（在项目中选择该客商即可关联）', 'No linked projects (choose this investor on a project to link it)'),
          }}
          columns={[
            { title: t('项目编号', 'Code'), dataIndex: 'code', render: (v: string, p) => <Link to={`/projects/${p.id}`}>{v}</Link> },
            { title: t('项目名称', 'Project'), dataIndex: 'name', render: (v: string, p) => <Link to={`/projects/${p.id}`}>{v}</Link> },
            { title: t('承办单位', 'Lead unit'), dataIndex: 'unitCode' },
            { title: t('责任人', 'Owner'), dataIndex: 'owner' },
            {
              title: t('总投资', 'Total investment'),
              dataIndex: 'totalInvestmentYuan',
              align: 'right',
              render: (v: number) => <Money>{formatWan(v)}</Money>,
            },
            { title: t('阶段', 'Stage'), dataIndex: 'stage', render: (v: string) => labelT(t, STAGE_NAMES, v) },
          ]}
        />
      </Card>
      <InvestorForm open={editing} investor={i} onClose={() => setEditing(false)} />
    </Page>
  );
}
