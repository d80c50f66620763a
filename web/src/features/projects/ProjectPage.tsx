// 项目详情: the facts, one timeline (stage moves, follow-ups, blockers, commitments, funds) and
// the items that hang off the project, each editable in place.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App as AntApp, Button, Card, Descriptions, Empty, Popconfirm, Space, Spin, Table, Tabs, Tag, Timeline, Typography, Upload } from 'antd';
import { EditOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { APPROVAL_KIND_LABELS, APPROVAL_STATUS_LABELS } from '../../../../src/contracts/projects';
import { formatWan, formatWanUsd } from '../../../../src/domain/money';
import { FOLLOW_UP_KIND_LABELS, PROJECT_TYPE_LABELS, PROMOTION_CHANNEL_LABELS } from '../../../../src/domain/labels';
import { LoadError, Page } from '../../components/Page';
import { useCan } from '../../app/session';
import { useAttachments, useDeleteItem, useProject, useTimeline, useUpload } from './api';
import { ORIGIN_SCOPE_TEXT, StageTag } from './common';
import { ItemsPanel, type FieldSpec } from './ItemsPanel';
import { MoveModal, type MoveTarget } from './MoveModal';
import { ProjectForm } from './ProjectForm';

const TIMELINE_COLORS: Record<string, string> = { move: 'blue', follow_up: 'green', blocker: 'red', commitment: 'orange', fund: 'gold' };
const TIMELINE_KIND: Record<string, string> = { move: '阶段', follow_up: '跟进', blocker: '问题', commitment: '承诺', fund: '资金' };

const FOLLOW_UP_FIELDS: FieldSpec[] = [
  { name: 'date', label: '日期', kind: 'date', required: true, inTable: true, width: 110 },
  { name: 'kind', label: '方式', kind: 'select', options: FOLLOW_UP_KIND_LABELS, required: true, inTable: true, width: 80 },
  { name: 'participants', label: '参加人员', kind: 'text', inTable: true, width: 140 },
  { name: 'content', label: '跟进内容', kind: 'textarea', required: true, inTable: true },
  { name: 'nextStep', label: '下一步', kind: 'textarea', inTable: true },
  { name: 'nextDate', label: '下次跟进日期', kind: 'date', inTable: true, width: 120 },
];
const BLOCKER_FIELDS: FieldSpec[] = [
  { name: 'title', label: '困难问题', kind: 'textarea', required: true, inTable: true },
  { name: 'coordinatingDept', label: '协调部门', kind: 'text', inTable: true, width: 120 },
  { name: 'dueDate', label: '办结期限', kind: 'date', inTable: true, width: 110 },
  { name: 'status', label: '状态', kind: 'select', options: { open: '未解决', resolved: '已解决' }, inTable: true, width: 80 },
  { name: 'resolution', label: '办理结果', kind: 'textarea', inTable: true },
];
const COMMITMENT_FIELDS: FieldSpec[] = [
  { name: 'title', label: '承诺事项', kind: 'textarea', required: true, inTable: true },
  { name: 'dueDate', label: '兑现期限', kind: 'date', inTable: true, width: 110 },
  { name: 'status', label: '状态', kind: 'select', options: { pending: '未兑现', fulfilled: '已兑现' }, inTable: true, width: 80 },
  { name: 'evidence', label: '兑现佐证', kind: 'textarea', inTable: true },
];
const APPROVAL_FIELDS: FieldSpec[] = [
  { name: 'kind', label: '审批事项', kind: 'select', options: APPROVAL_KIND_LABELS, required: true, inTable: true, width: 110 },
  { name: 'status', label: '状态', kind: 'select', options: APPROVAL_STATUS_LABELS, inTable: true, width: 90 },
  { name: 'appliedOn', label: '申报日期', kind: 'date', inTable: true, width: 110 },
  { name: 'approvedOn', label: '办结日期', kind: 'date', inTable: true, width: 110 },
  { name: 'note', label: '备注', kind: 'textarea', inTable: true },
];

function Attachments({ projectId, canWrite }: { projectId: number; canWrite: boolean }) {
  const list = useAttachments(projectId);
  const upload = useUpload();
  const del = useDeleteItem();
  const { message } = AntApp.useApp();
  return (
    <div>
      {canWrite && (
        <Upload showUploadList={false} accept=".pdf,.jpg,.jpeg,.png,.xlsx,.xls,.docx,.doc,.zip"
          beforeUpload={(file) => {
            if (file.size > 10 * 1024 * 1024) { message.error('文件超过 10 MB，请压缩或拆分后再上传'); return false; }
            upload.mutateAsync({ projectId, file }).then(() => message.success('已上传'), (e: Error) => message.error(e.message));
            return false;
          }}>
          <Button icon={<UploadOutlined />} loading={upload.isPending} style={{ marginBottom: 8 }}>上传附件（PDF/图片/Office/ZIP，≤10MB）</Button>
        </Upload>
      )}
      <Table rowKey="id" size="small" pagination={false} loading={list.isLoading} dataSource={list.data ?? []} locale={{ emptyText: '暂无附件' }}
        columns={[
          { title: '文件名', dataIndex: 'filename', render: (v: string, a) => <a href={`/api/v1/projects/${projectId}/attachments/${a.id}`}>{v}</a> },
          { title: '大小', dataIndex: 'size', width: 100, render: (v: number) => `${(v / 1024).toFixed(0)} KB` },
          { title: '上传时间', dataIndex: 'createdAt', width: 180, render: (v: string) => v.slice(0, 16).replace('T', ' ') },
          ...(canWrite ? [{ title: '操作', key: 'ops', width: 80, render: (_: unknown, a: { id: number }) => (
            <Popconfirm title="删除该附件？" okText="删除" cancelText="取消" onConfirm={() => del.mutateAsync({ projectId, path: 'attachments', itemId: a.id })}><a>删除</a></Popconfirm>
          ) }] : []),
        ]} />
    </div>
  );
}

export function ProjectPage() {
  const id = Number(useParams().id);
  const project = useProject(id);
  const timeline = useTimeline(id);
  const canWrite = useCan('project.write');
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState<MoveTarget | null>(null);
  if (project.error) return <LoadError error={project.error} retry={() => void project.refetch()} />;
  const p = project.data;
  if (!p) return <Spin />;
  return (
    <Page title={<Space>{p.name}<StageTag stage={p.stage} /></Space>} subTitle={`${p.code} · ${p.unitName ?? p.unitCode}`}
      extra={canWrite && <>
        <Button icon={<SwapOutlined />} onClick={() => setMoving({ id: p.id, name: p.name, stage: p.stage, version: p.version })}>变更阶段</Button>
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>编辑</Button>
      </>}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label="承办单位">{p.unitName ?? p.unitCode}</Descriptions.Item>
          <Descriptions.Item label="责任人">{p.owner ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="包保领导">{p.sponsor ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="投资方">{p.investorId ? <Link to={`/investors/${p.investorId}`}>{p.investorName}</Link> : '—'}{p.originScope && <Tag style={{ marginLeft: 4 }}>{ORIGIN_SCOPE_TEXT[p.originScope]}</Tag>}</Descriptions.Item>
          <Descriptions.Item label="行业">{p.industry ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="项目类型">{p.projectType ? PROJECT_TYPE_LABELS[p.projectType] : '—'}</Descriptions.Item>
          <Descriptions.Item label="总投资">{formatWan(p.totalInvestmentYuan)}</Descriptions.Item>
          <Descriptions.Item label="其中外资">{p.foreignUsd ? formatWanUsd(p.foreignUsd) : '—'}</Descriptions.Item>
          <Descriptions.Item label="建设地点">{p.location ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="用地面积">{p.landAreaMu ? `${p.landAreaMu} 亩` : '—'}</Descriptions.Item>
          <Descriptions.Item label="预计年产值">{p.annualOutputYuan !== null ? formatWan(p.annualOutputYuan) : '—'}</Descriptions.Item>
          <Descriptions.Item label="预计年税收">{p.annualTaxYuan !== null ? formatWan(p.annualTaxYuan) : '—'}</Descriptions.Item>
          <Descriptions.Item label="预计就业">{p.jobs ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="招商方式">{p.channel ? PROMOTION_CHANNEL_LABELS[p.channel] : '—'}</Descriptions.Item>
          <Descriptions.Item label="登记日期">{p.registeredOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="协议日期 / 转合同期限">{p.agreementDate ?? '—'} / {p.agreementDueDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="签约 / 开工 / 投产">{p.contractDate ?? '—'} / {p.startDate ?? '—'} / {p.operatingDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="最近跟进">{p.lastFollowUpOn ?? '尚未跟进'}</Descriptions.Item>
          {p.droppedReason && <Descriptions.Item label="终止原因">{p.droppedReason}</Descriptions.Item>}
          {p.tags.length > 0 && <Descriptions.Item label="标签">{p.tags.map((x) => <Tag key={x}>{x}</Tag>)}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small">
        <Tabs items={[
          { key: 'timeline', label: '时间线', children: timeline.isLoading ? <Spin /> : !timeline.data?.length ? <Empty description="暂无记录" /> : (
            <Timeline items={timeline.data.map((i) => ({
              color: TIMELINE_COLORS[i.kind],
              children: <div><Typography.Text type="secondary">{i.date} · {TIMELINE_KIND[i.kind]}{i.who ? ` · ${i.who}` : ''}</Typography.Text><div>{i.title}</div>{i.detail && <Typography.Text type="secondary">{i.detail}</Typography.Text>}</div>,
            }))} />
          ) },
          { key: 'follow-ups', label: '跟进记录', children: <ItemsPanel projectId={id} path="follow-ups" label="跟进记录" fields={FOLLOW_UP_FIELDS} canWrite={canWrite} defaults={{ kind: 'visit' }} /> },
          { key: 'blockers', label: '困难问题', children: <ItemsPanel projectId={id} path="blockers" label="困难问题" fields={BLOCKER_FIELDS} canWrite={canWrite} defaults={{ status: 'open' }} /> },
          { key: 'commitments', label: '承诺事项', children: <ItemsPanel projectId={id} path="commitments" label="承诺事项" fields={COMMITMENT_FIELDS} canWrite={canWrite} defaults={{ status: 'pending' }} /> },
          { key: 'approvals', label: '审批事项', children: <ItemsPanel projectId={id} path="approval-items" label="审批事项" fields={APPROVAL_FIELDS} canWrite={canWrite} defaults={{ status: 'pending' }} /> },
          { key: 'attachments', label: '附件', children: <Attachments projectId={id} canWrite={canWrite} /> },
        ]} />
      </Card>
      <ProjectForm open={editing} project={p} onClose={() => setEditing(false)} />
      <MoveModal target={moving} onClose={() => setMoving(null)} />
    </Page>
  );
}
