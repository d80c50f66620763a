import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Spin, Table, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { formatWan } from '../../../../src/domain/money';
import { INDUSTRY_LABELS, OWNERSHIP_LABELS } from '../../../../src/domain/labels';
import { STAGE_LABELS, isStage } from '../../../../src/domain/stages';
import { LoadError, Page } from '../../components/Page';
import { useCan } from '../../app/session';
import { useInvestor } from './api';
import { InvestorForm } from './InvestorForm';
import { ORIGIN_SCOPE_TEXT } from './InvestorsPage';

export function InvestorPage() {
  const id = Number(useParams().id);
  const inv = useInvestor(id);
  const canWrite = useCan('project.write');
  const [editing, setEditing] = useState(false);
  if (inv.error) return <LoadError error={inv.error} retry={() => void inv.refetch()} />;
  const i = inv.data;
  if (!i) return <Spin />;
  return (
    <Page title={i.name} subTitle={i.creditCode ?? '未登记信用代码'} extra={canWrite && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>编辑</Button>}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label="所在地">{i.originName ?? '—'}{i.originScope && <Tag style={{ marginLeft: 4 }}>{ORIGIN_SCOPE_TEXT[i.originScope]}</Tag>}</Descriptions.Item>
          <Descriptions.Item label="行政区划/国家代码">{i.originCode ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="企业性质">{i.ownership ? OWNERSHIP_LABELS[i.ownership] : '—'}</Descriptions.Item>
          <Descriptions.Item label="行业门类">{i.industry ? `${i.industry} ${INDUSTRY_LABELS[i.industry]}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="联系人" span={2}>{i.contacts.length ? i.contacts.map((c) => `${c.name}${c.role ? `（${c.role}）` : ''}${c.phone ? ` ${c.phone}` : ''}`).join('；') : '—'}</Descriptions.Item>
          {i.notes && <Descriptions.Item label="备注" span={3}>{i.notes}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title="投资项目">
        <Table rowKey="id" size="small" pagination={false} dataSource={i.projects} locale={{ emptyText: '暂无关联项目（在项目中选择该客商即可关联）' }}
          columns={[
            { title: '项目编号', dataIndex: 'code', render: (v: string, p) => <Link to={`/projects/${p.id}`}>{v}</Link> },
            { title: '项目名称', dataIndex: 'name', render: (v: string, p) => <Link to={`/projects/${p.id}`}>{v}</Link> },
            { title: '承办单位', dataIndex: 'unitCode' },
            { title: '责任人', dataIndex: 'owner' },
            { title: '总投资', dataIndex: 'totalInvestmentYuan', align: 'right', render: (v: number) => formatWan(v) },
            { title: '阶段', dataIndex: 'stage', render: (v: string) => (isStage(v) ? STAGE_LABELS[v] : v) },
          ]} />
      </Card>
      <InvestorForm open={editing} investor={i} onClose={() => setEditing(false)} />
    </Page>
  );
}
