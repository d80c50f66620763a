// 政策库: the register of investment policies, and the review campaign in which every policy in
// force gets a decision — keep, revise or abolish — with its reason.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Button, Card, DatePicker, Form, Input, Modal, Progress, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { POLICY_STATUS_LABELS, REVIEW_DECISION_LABELS, type Policy } from '../../../../src/contracts/policies';
import { LoadError, Page } from '../../components/Page';
import { applyServerErrors } from '../../components/formErrors';
import { useT } from '../../shared/i18n';
import { useCan } from '../../shared/session';
import type { TFn } from '../../shared/labels';
import { usePolicies } from './api/get-policies';
import { useReview } from './api/get-review';
import { useSavePolicy } from './api/save-policy';
import { useDecidePolicy, type Decision } from './api/decide-policy';
import { useProjectOptions } from './api/get-project-options';

const STATUS_EN = { active: 'In force', to_revise: 'To revise', abolished: 'Abolished' } as const;
const STATUS_COLOUR = { active: 'green', to_revise: 'gold', abolished: 'default' } as const;
const DECISION_EN = { keep: 'Keep', revise: 'Revise', abolish: 'Abolish' } as const;
const statusTag = (t: TFn, s: Policy['status']) => <Tag color={STATUS_COLOUR[s]}>{t(POLICY_STATUS_LABELS[s], STATUS_EN[s])}</Tag>;

type FormValues = {
  docNumber: string;
  title: string;
  issuer: string;
  issuedOn: dayjs.Dayjs;
  expiresOn?: dayjs.Dayjs | null;
  reviewDue?: dayjs.Dayjs | null;
  summary?: string;
  projectIds?: number[];
};

function PolicyModal({ policy, open, onClose }: { policy: Policy | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSavePolicy();
  const [search, setSearch] = useState('');
  const options = useProjectOptions(search, open);
  const d = (s: string | null | undefined) => (s ? dayjs(s) : null);
  const known = new Map((policy?.projects ?? []).map((p) => [p.id, `${p.code} ${p.name}`]));
  for (const p of options.data?.items ?? []) known.set(p.id, `${p.code} ${p.name}`);
  return (
    <Modal
      open={open}
      title={policy ? t('修改政策', 'Edit policy') : t('登记政策', 'Register a policy')}
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      onOk={() =>
        form.validateFields().then(async (v) => {
          try {
            await save.mutateAsync({
              id: policy?.id,
              version: policy?.version,
              body: {
                docNumber: v.docNumber,
                title: v.title,
                issuer: v.issuer,
                issuedOn: v.issuedOn.format('YYYY-MM-DD'),
                expiresOn: v.expiresOn?.format('YYYY-MM-DD') ?? null,
                reviewDue: v.reviewDue?.format('YYYY-MM-DD') ?? null,
                summary: v.summary || null,
                projectIds: v.projectIds ?? [],
              },
            });
            message.success(t('已保存', 'Saved'));
            onClose();
          } catch (e) {
            message.error(applyServerErrors(form, e));
          }
        })
      }
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          policy
            ? {
                docNumber: policy.docNumber,
                title: policy.title,
                issuer: policy.issuer,
                issuedOn: d(policy.issuedOn),
                expiresOn: d(policy.expiresOn),
                reviewDue: d(policy.reviewDue),
                summary: policy.summary ?? undefined,
                projectIds: policy.projects.map((p) => p.id),
              }
            : undefined
        }
      >
        <Form.Item name="docNumber" label={t('文号', 'Document number')} rules={[{ required: true, message: t('请填写文号', 'Required') }]}>
          <Input placeholder="吉市政发〔2024〕3号" maxLength={100} />
        </Form.Item>
        <Form.Item name="title" label={t('政策名称', 'Title')} rules={[{ required: true, message: t('请填写政策名称', 'Required') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="issuer" label={t('发文机关', 'Issued by')} rules={[{ required: true, message: t('请填写发文机关', 'Required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="issuedOn" label={t('发布日期', 'Issued on')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="expiresOn" label={t('有效期至', 'Expires on')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="reviewDue" label={t('评估清理日期', 'Review due')}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="summary" label={t('主要内容', 'Summary')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="projectIds" label={t('享受该政策的项目', 'Projects that used it')}>
          <Select
            mode="multiple"
            showSearch
            filterOption={false}
            onSearch={setSearch}
            loading={options.isFetching}
            options={[...known.entries()].map(([value, label]) => ({ value, label }))}
            placeholder={t('输入项目名称或编号搜索', 'Search projects')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Register() {
  const t = useT();
  const canWrite = useCan('policy.write');
  const [status, setStatus] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const list = usePolicies(status, q || undefined);
  const [editing, setEditing] = useState<Policy | null | undefined>(undefined);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('文号、名称或发文机关', 'Number, title or issuer')}
          onSearch={setQ}
          style={{ width: 260 }}
        />
        <Select
          allowClear
          placeholder={t('状态', 'Status')}
          style={{ width: 120 }}
          value={status}
          onChange={setStatus}
          aria-label={t('状态', 'Status')}
          options={(['active', 'to_revise', 'abolished'] as const).map((s) => ({
            value: s,
            label: t(POLICY_STATUS_LABELS[s], STATUS_EN[s]),
          }))}
        />
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            {t('登记政策', 'Register a policy')}
          </Button>
        )}
      </Space>
      {list.error && <LoadError error={list.error} retry={() => list.refetch()} />}
      <Table<Policy>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 980 }}
        pagination={{ pageSize: 30, showSizeChanger: false }}
        locale={{ emptyText: t('政策库还是空的', 'No policies yet') }}
        expandable={{
          expandedRowRender: (p) => (
            <div>
              {p.summary && <Typography.Paragraph>{p.summary}</Typography.Paragraph>}
              <Typography.Text type="secondary">{t('享受该政策的项目：', 'Projects: ')}</Typography.Text>
              {p.projects.length
                ? p.projects.map((x) => (
                    <Link key={x.id} to={`/projects/${x.id}`} style={{ marginRight: 12 }}>
                      {x.name}
                    </Link>
                  ))
                : '—'}
            </div>
          ),
        }}
        columns={[
          { title: t('文号', 'Number'), dataIndex: 'docNumber', width: 170 },
          { title: t('政策名称', 'Title'), dataIndex: 'title' },
          { title: t('发文机关', 'Issuer'), dataIndex: 'issuer', width: 150 },
          { title: t('发布日期', 'Issued'), dataIndex: 'issuedOn', width: 100 },
          {
            title: t('有效期至', 'Expires'),
            dataIndex: 'expiresOn',
            width: 100,
            render: (s: string | null) => s ?? t('长期', 'Open-ended'),
          },
          { title: t('状态', 'Status'), dataIndex: 'status', width: 90, render: (s: Policy['status']) => statusTag(t, s) },
          {
            title: t('评估清理', 'Review due'),
            dataIndex: 'reviewDue',
            width: 120,
            render: (s: string | null, p) =>
              s ? (
                <span>
                  {s}
                  {p.reviewOverdue && (
                    <Tag color="red" style={{ marginLeft: 4 }}>
                      {t('已到期', 'Due')}
                    </Tag>
                  )}
                </span>
              ) : (
                '—'
              ),
          },
          { title: t('项目数', 'Projects'), key: 'n', width: 70, render: (_, p) => p.projects.length },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'e',
                  width: 64,
                  render: (_: unknown, p: Policy) => (
                    <Button size="small" onClick={() => setEditing(p)}>
                      {t('修改', 'Edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <PolicyModal key={editing?.id ?? 'new'} policy={editing ?? null} open={editing !== undefined} onClose={() => setEditing(undefined)} />
    </>
  );
}

function ReviewCampaignTab() {
  const t = useT();
  const { message } = App.useApp();
  const canWrite = useCan('policy.write');
  const [campaign, setCampaign] = useState(String(dayjs().year()));
  const q = useReview(campaign);
  const decide = useDecidePolicy();
  const [deciding, setDeciding] = useState<Policy | null>(null);
  const [form] = Form.useForm<{ decision: Decision['decision']; reason: string }>();
  const r = q.data;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('清理批次', 'Campaign')}</span>
        <Input
          style={{ width: 120 }}
          defaultValue={campaign}
          onBlur={(e) => e.target.value.trim() && setCampaign(e.target.value.trim())}
          onPressEnter={(e) => setCampaign((e.target as HTMLInputElement).value.trim())}
          aria-label={t('清理批次', 'Campaign')}
        />
        {r && <Progress percent={r.total ? Math.round((r.decided / r.total) * 100) : 100} size="small" style={{ width: 160 }} />}
        {r && (
          <Typography.Text type="secondary">
            {t(
              `已决定 ${r.decided}/${r.total}：继续有效 ${r.counts.keep}，修订 ${r.counts.revise}，废止 ${r.counts.abolish}`,
              `${r.decided}/${r.total} decided`,
            )}
          </Typography.Text>
        )}
      </Space>
      {q.error && <LoadError error={q.error} retry={() => q.refetch()} />}
      <Table
        size="small"
        rowKey={(i) => i.policy.id}
        loading={q.isLoading}
        dataSource={r?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('没有需要清理的有效政策', 'No policies in force') }}
        columns={[
          { title: t('文号', 'Number'), key: 'd', width: 170, render: (_, i) => i.policy.docNumber },
          { title: t('政策名称', 'Title'), key: 't', render: (_, i) => i.policy.title },
          { title: t('现状态', 'Status'), key: 's', width: 90, render: (_, i) => statusTag(t, i.policy.status) },
          {
            title: t('结论', 'Decision'),
            key: 'c',
            width: 260,
            render: (_, i) =>
              i.decision ? (
                <span>
                  <Tag color={i.decision === 'keep' ? 'green' : i.decision === 'revise' ? 'gold' : 'red'}>
                    {t(REVIEW_DECISION_LABELS[i.decision], DECISION_EN[i.decision])}
                  </Tag>
                  {i.reason}
                </span>
              ) : canWrite ? (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => {
                    form.resetFields();
                    setDeciding(i.policy);
                  }}
                >
                  {t('作出结论', 'Decide')}
                </Button>
              ) : (
                <Typography.Text type="secondary">{t('待决定', 'Pending')}</Typography.Text>
              ),
          },
        ]}
      />
      <Modal
        open={!!deciding}
        title={deciding ? `${deciding.docNumber}《${deciding.title}》` : ''}
        okText={t('确定', 'Confirm')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={decide.isPending}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
        onOk={() =>
          form.validateFields().then(async (v) => {
            try {
              await decide.mutateAsync({ id: deciding!.id, campaign, decision: v.decision, reason: v.reason });
              message.success(t('已记录清理结论', 'Decision recorded'));
              setDeciding(null);
            } catch (e) {
              message.error(applyServerErrors(form, e));
            }
          })
        }
      >
        <Form form={form} layout="vertical" initialValues={{ decision: 'keep' }}>
          <Form.Item name="decision" label={t('结论', 'Decision')}>
            <Radio.Group
              options={(['keep', 'revise', 'abolish'] as const).map((k) => ({
                value: k,
                label: t(REVIEW_DECISION_LABELS[k], DECISION_EN[k]),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('理由', 'Reason')}
            rules={[{ required: true, min: 2, message: t('请写明理由', 'Give a reason') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function PoliciesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'register';
  return (
    <Page title={t('政策库', 'Policy register')}>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'register' ? {} : { tab: k }, { replace: true })}
          items={[
            { key: 'register', label: t('政策库', 'Register'), children: <Register /> },
            { key: 'review', label: t('政策清理', 'Review campaign'), children: <ReviewCampaignTab /> },
          ]}
        />
      </Card>
    </Page>
  );
}
