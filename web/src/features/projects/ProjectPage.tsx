// 项目详情: the facts, one timeline (stage moves, follow-ups, blockers, commitments, funds) and
// the items that hang off the project, each editable in place.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Empty,
  Popconfirm,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { EditOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { useT } from '../../shared/i18n';
import {
  APPROVAL_KIND_NAMES,
  APPROVAL_STATUS_NAMES,
  FOLLOW_UP_KIND_NAMES,
  INDUSTRY_NAMES,
  PROJECT_TYPE_NAMES,
  PROMOTION_CHANNEL_NAMES,
  labelT,
  useMoney,
  type Pair,
} from '../../shared/labels';
import { LoadError, Page } from '../../components/Page';
import { useCan } from '../../shared/session';
import { useAttachments } from './api/get-attachments';
import { useDeleteItem } from './api/delete-item';
import { useProject } from './api/get-project';
import { useTimeline } from './api/get-timeline';
import { useUpload } from './api/upload-attachment';
import { ORIGIN_SCOPE_TEXT, StageTag } from './common';
import { ItemsPanel, type FieldSpec } from './ItemsPanel';
import { CommitmentsPanel } from './CommitmentsPanel';
import { MoveModal, type MoveTarget } from './MoveModal';
import { ProjectForm } from './ProjectForm';

const TIMELINE_COLORS: Record<string, string> = { move: 'blue', follow_up: 'green', blocker: 'red', commitment: 'orange', fund: 'gold' };
const TIMELINE_KIND: Record<string, Pair> = {
  move: ['阶段', 'Stage'],
  follow_up: ['跟进', 'Follow-up'],
  blocker: ['问题', 'Issue'],
  commitment: ['承诺', 'Commitment'],
  fund: ['资金', 'Funds'],
};

const FOLLOW_UP_FIELDS: FieldSpec[] = [
  { name: 'date', label: ['日期', 'Date'], kind: 'date', required: true, inTable: true, width: 110 },
  { name: 'kind', label: ['方式', 'Type'], kind: 'select', options: FOLLOW_UP_KIND_NAMES, required: true, inTable: true, width: 80 },
  { name: 'participants', label: ['参加人员', 'Participants'], kind: 'text', inTable: true, width: 140 },
  { name: 'content', label: ['跟进内容', 'Content'], kind: 'textarea', required: true, inTable: true },
  { name: 'nextStep', label: ['下一步', 'Next step'], kind: 'textarea', inTable: true },
  { name: 'nextDate', label: ['下次跟进日期', 'Next follow-up'], kind: 'date', inTable: true, width: 120 },
];
const BLOCKER_FIELDS: FieldSpec[] = [
  { name: 'title', label: ['困难问题', 'Issue'], kind: 'textarea', required: true, inTable: true },
  { name: 'coordinatingDept', label: ['协调部门', 'Coordinating dept.'], kind: 'text', inTable: true, width: 120 },
  { name: 'dueDate', label: ['办结期限', 'Due date'], kind: 'date', inTable: true, width: 110 },
  {
    name: 'status',
    label: ['状态', 'Status'],
    kind: 'select',
    options: { open: ['未解决', 'Open'], resolved: ['已解决', 'Resolved'] },
    inTable: true,
    width: 80,
  },
  { name: 'resolution', label: ['办理结果', 'Resolution'], kind: 'textarea', inTable: true },
];
const COMMITMENT_FIELDS: FieldSpec[] = [
  { name: 'title', label: ['承诺事项', 'Commitment'], kind: 'textarea', required: true, inTable: true },
  { name: 'dueDate', label: ['兑现期限', 'Due date'], kind: 'date', inTable: true, width: 110 },
  {
    name: 'status',
    label: ['状态', 'Status'],
    kind: 'select',
    options: { pending: ['未兑现', 'Pending'], fulfilled: ['已兑现', 'Fulfilled'] },
    inTable: true,
    width: 80,
  },
  { name: 'evidence', label: ['兑现佐证', 'Evidence'], kind: 'textarea', inTable: true },
];
const APPROVAL_FIELDS: FieldSpec[] = [
  {
    name: 'kind',
    label: ['审批事项', 'Approval'],
    kind: 'select',
    options: APPROVAL_KIND_NAMES,
    required: true,
    inTable: true,
    width: 110,
  },
  { name: 'status', label: ['状态', 'Status'], kind: 'select', options: APPROVAL_STATUS_NAMES, inTable: true, width: 90 },
  { name: 'appliedOn', label: ['申报日期', 'Applied on'], kind: 'date', inTable: true, width: 110 },
  { name: 'approvedOn', label: ['办结日期', 'Completed on'], kind: 'date', inTable: true, width: 110 },
  { name: 'note', label: ['备注', 'Note'], kind: 'textarea', inTable: true },
];

const FOLLOW_UP_LABEL: Pair = ['跟进记录', 'Follow-up'];
const BLOCKER_LABEL: Pair = ['困难问题', 'Issue'];
const COMMITMENT_LABEL: Pair = ['承诺事项', 'Commitment'];
const APPROVAL_LABEL: Pair = ['审批事项', 'Approval item'];

function Attachments({ projectId, canWrite }: { projectId: number; canWrite: boolean }) {
  const t = useT();
  const list = useAttachments(projectId);
  const upload = useUpload();
  const del = useDeleteItem();
  const { message } = AntApp.useApp();
  return (
    <div>
      {canWrite && (
        <Upload
          showUploadList={false}
          accept=".pdf,.jpg,.jpeg,.png,.xlsx,.xls,.docx,.doc,.zip"
          beforeUpload={(file) => {
            if (file.size > 10 * 1024 * 1024) {
              message.error(t('文件超过 10 MB，请压缩或拆分后再上传', 'The file exceeds 10 MB; compress or split it first'));
              return false;
            }
            upload.mutateAsync({ projectId, file }).then(
              () => message.success(t('已上传', 'Uploaded')),
              (e: Error) => message.error(e.message),
            );
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending} style={{ marginBottom: 8 }}>
            {t('上传附件（PDF/图片/Office/ZIP，≤10MB）', 'Upload attachment (PDF/image/Office/ZIP, ≤10 MB)')}
          </Button>
        </Upload>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.isLoading}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('暂无附件', 'No attachments') }}
        columns={[
          {
            title: t('文件名', 'File name'),
            dataIndex: 'filename',
            render: (v: string, a) => <a href={`/api/v1/projects/${projectId}/attachments/${a.id}`}>{v}</a>,
          },
          { title: t('大小', 'Size'), dataIndex: 'size', width: 100, render: (v: number) => `${(v / 1024).toFixed(0)} KB` },
          { title: t('上传时间', 'Uploaded'), dataIndex: 'createdAt', width: 180, render: (v: string) => v.slice(0, 16).replace('T', ' ') },
          ...(canWrite
            ? [
                {
                  title: t('操作', 'Actions'),
                  key: 'ops',
                  width: 80,
                  render: (_: unknown, a: { id: number }) => (
                    <Popconfirm
                      title={t('删除该附件？', 'Delete this attachment?')}
                      okText={t('删除', 'Delete')}
                      cancelText={t('取消', 'Cancel')}
                      onConfirm={() => del.mutateAsync({ projectId, path: 'attachments', itemId: a.id })}
                    >
                      <a>{t('删除', 'Delete')}</a>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}

export function ProjectPage() {
  const t = useT();
  const { formatWan, formatWanUsd } = useMoney();
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
    <Page
      title={
        <Space>
          {p.name}
          <StageTag stage={p.stage} />
        </Space>
      }
      subTitle={`${p.code} · ${p.unitName ?? p.unitCode}`}
      extra={
        canWrite && (
          <>
            <Button icon={<SwapOutlined />} onClick={() => setMoving({ id: p.id, name: p.name, stage: p.stage, version: p.version })}>
              {t('变更阶段', 'Move stage')}
            </Button>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('编辑', 'Edit')}
            </Button>
          </>
        )
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('承办单位', 'Lead unit')}>{p.unitName ?? p.unitCode}</Descriptions.Item>
          <Descriptions.Item label={t('责任人', 'Owner')}>{p.owner ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('包保领导', 'Sponsoring leader')}>{p.sponsor ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('投资方', 'Investor')}>
            {p.investorId ? <Link to={`/investors/${p.investorId}`}>{p.investorName}</Link> : '—'}
            {p.originScope && <Tag style={{ marginLeft: 4 }}>{labelT(t, ORIGIN_SCOPE_TEXT, p.originScope)}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('行业', 'Industry')}>
            {!p.industry ? '—' : p.industry in INDUSTRY_NAMES ? `${p.industry} ${labelT(t, INDUSTRY_NAMES, p.industry)}` : p.industry}
          </Descriptions.Item>
          <Descriptions.Item label={t('项目类型', 'Project type')}>
            {p.projectType ? t(...PROJECT_TYPE_NAMES[p.projectType]) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('总投资', 'Total investment')}>{formatWan(p.totalInvestmentYuan)}</Descriptions.Item>
          <Descriptions.Item label={t('其中外资', 'Foreign portion')}>{p.foreignUsd ? formatWanUsd(p.foreignUsd) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('建设地点', 'Location')}>{p.location ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('用地面积', 'Land area')}>
            {p.landAreaMu ? t(`${p.landAreaMu} 亩`, `${p.landAreaMu} mu`) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('预计年产值', 'Expected annual output')}>
            {p.annualOutputYuan !== null ? formatWan(p.annualOutputYuan) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('预计年税收', 'Expected annual tax')}>
            {p.annualTaxYuan !== null ? formatWan(p.annualTaxYuan) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('预计就业', 'Expected jobs')}>{p.jobs ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('招商方式', 'Promotion channel')}>
            {p.channel ? t(...PROMOTION_CHANNEL_NAMES[p.channel]) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('登记日期', 'Registered on')}>{p.registeredOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('协议日期 / 转合同期限', 'Agreement / contract due')}>
            {p.agreementDate ?? '—'} / {p.agreementDueDate ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('签约 / 开工 / 投产', 'Signed / started / operating')}>
            {p.contractDate ?? '—'} / {p.startDate ?? '—'} / {p.operatingDate ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('最近跟进', 'Last follow-up')}>{p.lastFollowUpOn ?? t('尚未跟进', 'None yet')}</Descriptions.Item>
          {p.droppedReason && <Descriptions.Item label={t('终止原因', 'Reason dropped')}>{p.droppedReason}</Descriptions.Item>}
          {p.tags.length > 0 && (
            <Descriptions.Item label={t('标签', 'Tags')}>
              {p.tags.map((x) => (
                <Tag key={x}>{x}</Tag>
              ))}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'timeline',
              label: t('时间线', 'Timeline'),
              children: timeline.isLoading ? (
                <Spin />
              ) : !timeline.data?.length ? (
                <Empty description={t('暂无记录', 'No records yet')} />
              ) : (
                <Timeline
                  items={timeline.data.map((i) => ({
                    color: TIMELINE_COLORS[i.kind],
                    children: (
                      <div>
                        <Typography.Text type="secondary">
                          {i.date} · {labelT(t, TIMELINE_KIND, i.kind)}
                          {i.who ? ` · ${i.who}` : ''}
                        </Typography.Text>
                        <div>{i.title}</div>
                        {i.detail && <Typography.Text type="secondary">{i.detail}</Typography.Text>}
                      </div>
                    ),
                  }))}
                />
              ),
            },
            {
              key: 'follow-ups',
              label: t('跟进记录', 'Follow-ups'),
              children: (
                <ItemsPanel
                  projectId={id}
                  path="follow-ups"
                  label={FOLLOW_UP_LABEL}
                  fields={FOLLOW_UP_FIELDS}
                  canWrite={canWrite}
                  defaults={{ kind: 'visit' }}
                />
              ),
            },
            {
              key: 'blockers',
              label: t('困难问题', 'Issues'),
              children: (
                <ItemsPanel
                  projectId={id}
                  path="blockers"
                  label={BLOCKER_LABEL}
                  fields={BLOCKER_FIELDS}
                  canWrite={canWrite}
                  defaults={{ status: 'open' }}
                />
              ),
            },
            {
              key: 'commitments',
              label: t('承诺事项', 'Commitments'),
              children: <CommitmentsPanel projectId={id} label={COMMITMENT_LABEL} fields={COMMITMENT_FIELDS} canWrite={canWrite} />,
            },
            {
              key: 'approvals',
              label: t('审批事项', 'Approvals'),
              children: (
                <ItemsPanel
                  projectId={id}
                  path="approval-items"
                  label={APPROVAL_LABEL}
                  fields={APPROVAL_FIELDS}
                  canWrite={canWrite}
                  defaults={{ status: 'pending' }}
                />
              ),
            },
            { key: 'attachments', label: t('附件', 'Attachments'), children: <Attachments projectId={id} canWrite={canWrite} /> },
          ]}
        />
      </Card>
      <ProjectForm open={editing} project={p} onClose={() => setEditing(false)} />
      <MoveModal target={moving} onClose={() => setMoving(null)} />
    </Page>
  );
}
