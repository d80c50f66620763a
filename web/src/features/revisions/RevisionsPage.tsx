// 修订: changes that would alter a locked month's figures — an investor's origin, or the unit that
// counted a project's locked funds. The city office requests one with a reason; approving it
// applies the change and refreezes the affected locked months, showing their figures before → after.
import { useState } from 'react';
import {
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  REVISION_FIELD_LABELS,
  REVISION_STATUS_TEXT,
  type Revision,
  type RevisionFigure,
  type RevisionStatus,
} from '../../../../src/contracts/revisions';
import { LoadError, Page } from '../../components/Page';
import { applyServerErrors } from '../../components/formErrors';
import { useT } from '../../shared/i18n';
import { useRevisions } from './api/get-revisions';
import { useRevision } from './api/get-revision';
import { useCreateRevision } from './api/create-revision';
import { useDecideRevision } from './api/decide-revision';
import { useRevisionTargets } from './api/search-targets';
import { useRevisionUnits } from './api/get-units';

const STATUS_COLOR: Record<RevisionStatus, string> = { pending: 'orange', approved: 'green', rejected: 'default' };
const at = (s: string | null) => (s ? s.slice(0, 16).replace('T', ' ') : '—');
const num = (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN'));

export function RevisionsPage() {
  const t = useT();
  const [status, setStatus] = useState<RevisionStatus | undefined>('pending');
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useRevisions(status);
  return (
    <Page
      title={t('修订', 'Revisions')}
      subTitle={t(
        '已锁定月份的数据不会被静默改变：更正客商所在地或项目承办单位须经修订审批，批准后重新封存并记录修订前后的数据',
        'Locked months change only through an approved revision, with figures before → after',
      )}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('提出修订', 'Request a revision')}
        </Button>
      }
    >
      <Space style={{ marginBottom: 12 }}>
        <Radio.Group
          value={status ?? 'all'}
          onChange={(e) => setStatus(e.target.value === 'all' ? undefined : e.target.value)}
          optionType="button"
          options={[
            { value: 'pending', label: t('待审批', 'Pending') },
            { value: 'approved', label: t('已批准', 'Approved') },
            { value: 'rejected', label: t('已驳回', 'Rejected') },
            { value: 'all', label: t('全部', 'All') },
          ]}
        />
      </Space>
      {list.error && <LoadError error={list.error} retry={() => list.refetch()} />}
      <Table<Revision>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('没有修订申请', 'No revisions')} /> }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '#', dataIndex: 'id', width: 60 },
          {
            title: t('修订内容', 'Change'),
            render: (_, r) => <Typography.Link onClick={() => setOpenId(r.id)}>{r.summary}</Typography.Link>,
          },
          { title: t('原因', 'Reason'), dataIndex: 'reason', ellipsis: true },
          { title: t('涉及锁定月份', 'Locked months'), render: (_, r) => r.periods.join('、') || '—' },
          { title: t('申请人', 'Requested by'), render: (_, r) => `${r.requestedBy} ${at(r.requestedAt)}` },
          {
            title: t('状态', 'Status'),
            width: 90,
            render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{REVISION_STATUS_TEXT[r.status]}</Tag>,
          },
        ]}
      />
      <RevisionDrawer id={openId} onClose={() => setOpenId(null)} />
      <RequestModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          setOpenId(id);
        }}
      />
    </Page>
  );
}

function RevisionDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const rev = useRevision(id);
  const decide = useDecideRevision();
  const [note, setNote] = useState('');
  const r = rev.data;
  const act = async (decision: 'approve' | 'reject') => {
    if (!r) return;
    try {
      await decide.mutateAsync({ id: r.id, decision, version: r.version, note });
      message.success(decision === 'approve' ? t('已批准，受影响的锁定月份已重新封存', 'Approved and refrozen') : t('已驳回', 'Rejected'));
      setNote('');
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={760}
      title={r ? t(`修订 #${r.id}`, `Revision #${r.id}`) : t('修订', 'Revision')}
      destroyOnHidden
    >
      {rev.error && <LoadError error={rev.error} retry={() => rev.refetch()} />}
      {r && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 's', label: t('修订内容', 'Change'), children: r.summary },
              { key: 'r', label: t('原因', 'Reason'), children: r.reason },
              {
                key: 'st',
                label: t('状态', 'Status'),
                children: <Tag color={STATUS_COLOR[r.status]}>{REVISION_STATUS_TEXT[r.status]}</Tag>,
              },
              { key: 'q', label: t('申请', 'Requested'), children: `${r.requestedBy} ${at(r.requestedAt)}` },
              {
                key: 'd',
                label: t('审批', 'Decided'),
                children: r.decidedBy ? `${r.decidedBy} ${at(r.decidedAt)}${r.decisionNote ? `：${r.decisionNote}` : ''}` : '—',
              },
              {
                key: 'p',
                label: t('涉及锁定月份', 'Locked months'),
                children: r.periods.join('、') || t('无（不影响已锁定月份）', 'None'),
              },
            ]}
          />
          {r.status === 'pending' && (
            <Card size="small" title={t('审批', 'Decision')}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input.TextArea
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  maxLength={500}
                  rows={2}
                  placeholder={t('审批意见（可选）', 'Note (optional)')}
                  aria-label={t('审批意见', 'Note')}
                />
                <Space>
                  <Button type="primary" loading={decide.isPending} onClick={() => act('approve')}>
                    {t('批准并重新封存', 'Approve and refreeze')}
                  </Button>
                  <Button danger loading={decide.isPending} onClick={() => act('reject')}>
                    {t('驳回', 'Reject')}
                  </Button>
                </Space>
              </Space>
            </Card>
          )}
          {r.figures && <FiguresTable figures={r.figures} />}
        </Space>
      )}
    </Drawer>
  );
}

function FiguresTable({ figures }: { figures: RevisionFigure[] }) {
  const t = useT();
  const rows = figures.filter((f) => REVISION_FIELD_LABELS[f.field]);
  return (
    <Card size="small" title={t('锁定月份数据：修订前 → 修订后', 'Locked figures: before → after')}>
      <Table<RevisionFigure>
        size="small"
        rowKey={(f) => `${f.period}/${f.scope}/${f.basis}/${f.field}`}
        dataSource={rows}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        locale={{ emptyText: t('已锁定月份的主要数据没有变化', 'No headline figure changed') }}
        columns={[
          { title: t('报告期', 'Period'), dataIndex: 'period', width: 90 },
          { title: t('范围', 'Scope'), width: 80, render: (_, f) => (f.scope === '*' ? t('全市', 'City') : f.scope) },
          {
            title: t('口径', 'Basis'),
            width: 80,
            render: (_, f) => (f.basis === 'verified' ? t('已核实', 'Verified') : t('已报送', 'Reported')),
          },
          { title: t('指标', 'Figure'), render: (_, f) => REVISION_FIELD_LABELS[f.field] },
          { title: t('修订前', 'Before'), align: 'right', render: (_, f) => num(f.before) },
          { title: t('修订后', 'After'), align: 'right', render: (_, f) => <b>{num(f.after)}</b> },
        ]}
      />
    </Card>
  );
}

type RequestForm = { entity: 'investor' | 'project'; entityId: number; origin?: string; unitCode?: string; reason: string };

function RequestModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RequestForm>();
  const entity = (Form.useWatch('entity', form) ?? 'investor') as 'investor' | 'project';
  const [q, setQ] = useState('');
  const targets = useRevisionTargets(entity, q);
  const units = useRevisionUnits();
  const create = useCreateRevision();
  const submit = async (v: RequestForm) => {
    try {
      const body =
        v.entity === 'investor'
          ? { entity: 'investor' as const, entityId: v.entityId, origin: v.origin ?? '', reason: v.reason }
          : { entity: 'project' as const, entityId: v.entityId, unitCode: v.unitCode ?? '', reason: v.reason };
      const r = await create.mutateAsync(body);
      message.success(t('修订申请已提出，待审批', 'Revision requested'));
      form.resetFields();
      onCreated(r.id);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('提出修订', 'Request a revision')}
      okText={t('提交', 'Submit')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ entity: 'investor' }}>
        <Form.Item name="entity" label={t('修订什么', 'What to change')}>
          <Radio.Group
            onChange={() => {
              form.setFieldValue('entityId', undefined);
              setQ('');
            }}
            options={[
              { value: 'investor', label: t('客商所在地', "Investor's origin") },
              { value: 'project', label: t('项目承办单位（含已锁定月份的到位资金）', "Project's unit (with locked funds)") },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="entityId"
          label={entity === 'investor' ? t('客商', 'Investor') : t('项目', 'Project')}
          rules={[{ required: true, message: t('请选择', 'Required') }]}
        >
          <Select
            showSearch
            filterOption={false}
            onSearch={setQ}
            loading={targets.isFetching}
            placeholder={t('输入名称或编号搜索', 'Search')}
            options={(targets.data ?? []).map((o) => ({ value: o.id, label: o.label }))}
            notFoundContent={targets.isFetching ? t('搜索中…', 'Searching…') : t('没有匹配的记录', 'No match')}
          />
        </Form.Item>
        {entity === 'investor' ? (
          <Form.Item
            name="origin"
            label={t('新的所在地', 'New origin')}
            rules={[{ required: true, message: t('请填写', 'Required') }]}
            extra={t('省市区名称、6位行政区划代码或国家/地区，如 香港、浙江省杭州市', 'Region name, 6-digit code or country')}
          >
            <Input maxLength={100} />
          </Form.Item>
        ) : (
          <Form.Item name="unitCode" label={t('改属单位', 'New unit')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
            <Select loading={units.isLoading} options={(units.data ?? []).map((u) => ({ value: u.code, label: `${u.code} ${u.name}` }))} />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('原因', 'Reason')}
          rules={[{ required: true, min: 2, message: t('请说明原因（至少2个字）', 'At least 2 characters') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
