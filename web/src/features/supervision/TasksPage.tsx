// 督办: the tasks in the user's scope with their escalation colour, and the board by unit.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Button, Card, DatePicker, Form, Input, Modal, Segmented, Select, Space, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { SupervisionTask } from '../../../../src/contracts/warnings';
import { LoadError, Page } from '../../components/Page';
import { applyServerErrors } from '../../components/formErrors';
import { useT } from '../../shared/i18n';
import { useCan, useMe } from '../../shared/session';
import { useTasks, type TaskStatusFilter } from './api/get-tasks';
import { useBoard } from './api/get-board';
import { useCreateTask } from './api/create-task';
import { useUnitList } from './api/get-units';
import { ColourTag, statusText } from './common';

function NewTaskModal({ open, onClose, meetingPeriod }: { open: boolean; onClose: () => void; meetingPeriod?: string | undefined }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; unitCode: string; deadline: dayjs.Dayjs; assignee?: string; content?: string }>();
  const units = useUnitList(open);
  const create = useCreateTask();
  return (
    <Modal
      open={open}
      title={
        meetingPeriod
          ? t(`登记 ${meetingPeriod} 调度会议定事项`, `Decision of the ${meetingPeriod} meeting`)
          : t('新建督办', 'New supervision task')
      }
      okText={t('发起督办', 'Raise')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        form.validateFields().then(async (v) => {
          try {
            await create.mutateAsync({
              title: v.title,
              unitCode: v.unitCode,
              deadline: v.deadline.format('YYYY-MM-DD'),
              assignee: v.assignee || null,
              content: v.content || null,
              ...(meetingPeriod ? { meetingPeriod } : {}),
            });
            message.success(meetingPeriod ? t('已登记议定事项', 'Decision recorded') : t('已发起督办', 'Task raised'));
            form.resetFields();
            onClose();
          } catch (e) {
            message.error(applyServerErrors(form, e));
          }
        })
      }
    >
      <Form form={form} layout="vertical" initialValues={{ deadline: dayjs().add(10, 'day') }}>
        <Form.Item name="title" label={t('督办事项', 'Task')} rules={[{ required: true, message: t('请填写督办事项', 'Required') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="unitCode" label={t('承办单位', 'Unit')} rules={[{ required: true, message: t('请选择承办单位', 'Required') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(units.data?.items ?? []).filter((u) => u.kind !== 'city').map((u) => ({ value: u.code, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="deadline" label={t('办结期限', 'Deadline')} rules={[{ required: true, message: t('请选择办结期限', 'Required') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="assignee" label={t('责任人', 'Person responsible')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="content" label={t('督办要求', 'Requirements')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TaskTable({ items, loading, empty }: { items: SupervisionTask[]; loading: boolean; empty: string }) {
  const t = useT();
  return (
    <Table<SupervisionTask>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={items}
      scroll={{ x: 900 }}
      pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
      locale={{ emptyText: empty }}
      columns={[
        { title: t('等级', 'Colour'), key: 'colour', width: 130, render: (_, r) => <ColourTag task={r} t={t} /> },
        { title: t('督办事项', 'Task'), dataIndex: 'title', render: (s: string, r) => <Link to={`/supervision/${r.id}`}>{s}</Link> },
        { title: t('承办单位', 'Unit'), dataIndex: 'unitName', width: 110, render: (n: string | null, r) => n ?? r.unitCode },
        { title: t('责任人', 'Person'), dataIndex: 'assignee', width: 90, render: (a: string | null) => a ?? '—' },
        { title: t('办结期限', 'Deadline'), dataIndex: 'deadline', width: 100 },
        { title: t('状态', 'Status'), dataIndex: 'status', width: 120, render: (s: SupervisionTask['status']) => statusText(t, s) },
        {
          title: t('约谈', 'Interview'),
          dataIndex: 'hasInterview',
          width: 70,
          render: (b: boolean) => (b ? <Tag color="red">{t('已约谈', 'Held')}</Tag> : '—'),
        },
      ]}
    />
  );
}

/** 议定事项: the decisions of one dispatch meeting, answered and verified like any task. */
function Decisions() {
  const t = useT();
  const canSupervise = useCan('supervision.write');
  const [period, setPeriod] = useState(dayjs().subtract(1, 'month').format('YYYY-MM'));
  const q = useTasks('all', undefined, period);
  const [adding, setAdding] = useState(false);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('调度会（报告期）', 'Meeting (period)')}</span>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${period}-01`)}
          format="YYYY-MM"
          aria-label={t('调度会（报告期）', 'Meeting period')}
          onChange={(d) => d && setPeriod(d.format('YYYY-MM'))}
        />
        {canSupervise && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('登记议定事项', 'Add a decision')}
          </Button>
        )}
      </Space>
      {q.error && <LoadError error={q.error} retry={() => q.refetch()} />}
      <TaskTable
        items={q.data?.items ?? []}
        loading={q.isLoading}
        empty={t('该次调度会没有登记议定事项', 'No decisions recorded for this meeting')}
      />
      <NewTaskModal open={adding} onClose={() => setAdding(false)} meetingPeriod={period} />
    </>
  );
}

function Board() {
  const t = useT();
  const q = useBoard();
  return (
    <>
      {q.error && <LoadError error={q.error} retry={() => q.refetch()} />}
      <Table
        size="small"
        rowKey="unitCode"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('没有单位', 'No units') }}
        columns={[
          {
            title: t('单位', 'Unit'),
            dataIndex: 'unitName',
            render: (n: string, r) => <Link to={`/supervision?unit=${r.unitCode}&status=all`}>{n}</Link>,
          },
          { title: t('待反馈', 'Awaiting answer'), dataIndex: 'open' },
          { title: t('待核验', 'To verify'), dataIndex: 'answered' },
          { title: t('已办结', 'Closed'), dataIndex: 'closed' },
          { title: t('蓝', 'Blue'), dataIndex: 'blue', render: (n: number) => (n ? <Tag color="blue">{n}</Tag> : 0) },
          { title: t('黄', 'Yellow'), dataIndex: 'yellow', render: (n: number) => (n ? <Tag color="gold">{n}</Tag> : 0) },
          { title: t('红', 'Red'), dataIndex: 'red', render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
        ]}
      />
    </>
  );
}

export function TasksPage() {
  const t = useT();
  const me = useMe();
  const canSupervise = useCan('supervision.write');
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'active') as TaskStatusFilter;
  const unit = params.get('unit') ?? undefined;
  const tab = params.get('tab') ?? 'list';
  const q = useTasks(status, unit);
  const [creating, setCreating] = useState(false);
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const list = (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={status}
          onChange={(v) => set('status', String(v))}
          options={[
            { value: 'active', label: t('在办', 'Active') },
            { value: 'open', label: t('待反馈', 'Awaiting answer') },
            { value: 'answered', label: t('待核验', 'To verify') },
            { value: 'closed', label: t('已办结', 'Closed') },
            { value: 'all', label: t('全部', 'All') },
          ]}
        />
        {unit && (
          <Tag closable onClose={() => set('unit', undefined)}>
            {t('单位', 'Unit')} {unit}
          </Tag>
        )}
      </Space>
      {q.error && <LoadError error={q.error} retry={() => q.refetch()} />}
      <TaskTable
        items={q.data?.items ?? []}
        loading={q.isLoading}
        empty={
          canSupervise
            ? t('没有督办事项；可从“预警”页对某条预警发起督办', 'No tasks; raise one from a warning')
            : t('本单位没有督办事项', 'No tasks for your unit')
        }
      />
    </>
  );
  return (
    <Page
      title={t('督办', 'Supervision')}
      subTitle={me.cityWide ? undefined : (me.unitName ?? undefined)}
      extra={
        canSupervise && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('新建督办', 'New task')}
          </Button>
        )
      }
    >
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => set('tab', k === 'list' ? undefined : k)}
          items={[
            { key: 'list', label: t('督办事项', 'Tasks'), children: list },
            { key: 'board', label: t('按单位', 'By unit'), children: <Board /> },
            { key: 'meetings', label: t('议定事项', 'Meeting decisions'), children: <Decisions /> },
          ]}
        />
      </Card>
      <NewTaskModal open={creating} onClose={() => setCreating(false)} />
    </Page>
  );
}
