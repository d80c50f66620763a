// 预警: every open warning in the user's scope, its colour, subject, owner and since when; the
// supervisor raises a supervision task from a row; the city office reruns the rules on demand.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Button, DatePicker, Form, Input, Modal, Segmented, Select, Space, Table, Typography } from 'antd';
import { AlertOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Warning } from '../../../../src/contracts/warnings';
import { WARNING_RULES, type WarningRule } from '../../../../src/domain/warnings';
import { LoadError, Page } from '../../components/Page';
import { applyServerErrors } from '../../components/formErrors';
import { useT } from '../../shared/i18n';
import { useCan, useMe } from '../../shared/session';
import { useWarnings, type WarningFilter } from './api/get-warnings';
import { useRunWarnings } from './api/run-warnings';
import { useRaiseTask } from './api/raise-task';
import { useUnitList } from './api/get-units';
import { LevelTag, ruleText } from './common';

function RaiseTaskModal({ warning, onClose }: { warning: Warning | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; deadline: dayjs.Dayjs; assignee?: string; content?: string }>();
  const raise = useRaiseTask();
  if (!warning) return null;
  const subject = warning.projectName ?? warning.unitName ?? warning.unitCode;
  return (
    <Modal
      open
      title={t('发起督办', 'Raise a supervision task')}
      okText={t('发起督办', 'Raise')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={raise.isPending}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        form.validateFields().then(async (v) => {
          try {
            const task = await raise.mutateAsync({
              title: v.title,
              deadline: v.deadline.format('YYYY-MM-DD'),
              warningId: warning.id,
              assignee: v.assignee || null,
              content: v.content || null,
            });
            message.success(t(`已发起督办（编号 ${task.id}），承办单位会在待办中看到`, `Task ${task.id} raised`));
            onClose();
          } catch (e) {
            message.error(applyServerErrors(form, e));
          }
        })
      }
    >
      <Typography.Paragraph type="secondary">{warning.message}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          title: `${ruleText(t, warning.rule)}：${subject}`,
          deadline: dayjs().add(10, 'day'),
          assignee: warning.owner ?? undefined,
        }}
      >
        <Form.Item name="title" label={t('督办事项', 'Task')} rules={[{ required: true, message: t('请填写督办事项', 'Required') }]}>
          <Input maxLength={300} />
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

export function WarningsPage() {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const canSupervise = useCan('supervision.write');
  const canDecideLead = useCan('lead.decide');
  const [params, setParams] = useSearchParams();
  const filter: WarningFilter = {
    status: params.get('status') === 'cleared' ? 'cleared' : 'open',
    unit: params.get('unit') ?? undefined,
    rule: params.get('rule') ?? undefined,
    level: params.get('level') ?? undefined,
  };
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const q = useWarnings(filter);
  const run = useRunWarnings();
  const units = useUnitList(me.cityWide);
  const [raising, setRaising] = useState<Warning | null>(null);
  const items = q.data?.items ?? [];
  const red = items.filter((w) => w.level === 'red').length;
  const last = q.data?.lastRun;

  return (
    <Page
      title={t('预警', 'Warnings')}
      subTitle={last ? t(`最近计算：截至 ${last.asOf}`, `Last run: as of ${last.asOf}`) : t('尚未计算过预警', 'Not run yet')}
      extra={
        <>
          {canDecideLead && <Link to="/warnings/leads">{t('首报首谈', 'Who leads an investor')}</Link>}
          {canSupervise && (
            <Button
              icon={<ReloadOutlined />}
              loading={run.isPending}
              onClick={async () => {
                try {
                  const r = await run.mutateAsync();
                  message.success(
                    t(
                      `已计算：在预警 ${r.open} 条，新增 ${r.raised} 条，解除 ${r.cleared} 条`,
                      `Done: ${r.open} open, ${r.raised} new, ${r.cleared} cleared`,
                    ),
                  );
                } catch (e) {
                  message.error((e as Error).message);
                }
              }}
            >
              {t('立即计算', 'Run now')}
            </Button>
          )}
        </>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={filter.status}
          onChange={(v) => set('status', v === 'open' ? undefined : String(v))}
          options={[
            { value: 'open', label: t('在预警', 'Open') },
            { value: 'cleared', label: t('已解除', 'Cleared') },
          ]}
        />
        <Select
          allowClear
          placeholder={t('等级', 'Level')}
          style={{ width: 100 }}
          value={filter.level}
          aria-label={t('等级', 'Level')}
          onChange={(v) => set('level', v)}
          options={[
            { value: 'red', label: t('红', 'Red') },
            { value: 'yellow', label: t('黄', 'Yellow') },
          ]}
        />
        <Select
          allowClear
          placeholder={t('预警规则', 'Rule')}
          style={{ width: 200 }}
          value={filter.rule}
          aria-label={t('预警规则', 'Rule')}
          onChange={(v) => set('rule', v)}
          options={WARNING_RULES.map((r) => ({ value: r, label: ruleText(t, r) }))}
        />
        {me.cityWide && (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('全部单位', 'All units')}
            style={{ width: 180 }}
            value={filter.unit}
            aria-label={t('单位', 'Unit')}
            onChange={(v) => set('unit', v)}
            options={(units.data?.items ?? []).filter((u) => u.kind !== 'city').map((u) => ({ value: u.code, label: u.name }))}
          />
        )}
        {filter.status === 'open' && q.data && (
          <Typography.Text type="secondary" data-testid="warning-count">
            {t(`共 ${items.length} 条，其中红色 ${red} 条`, `${items.length} warnings, ${red} red`)}
          </Typography.Text>
        )}
      </Space>
      {q.error && <LoadError error={q.error} retry={() => q.refetch()} />}
      <Table<Warning>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={items}
        scroll={{ x: 980 }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        locale={{
          emptyText: filter.status === 'open' ? t('没有在预警的事项', 'No open warnings') : t('没有已解除的预警', 'No cleared warnings'),
        }}
        columns={[
          { title: t('等级', 'Level'), dataIndex: 'level', width: 64, render: (l: 'red' | 'yellow') => <LevelTag level={l} t={t} /> },
          { title: t('预警规则', 'Rule'), dataIndex: 'rule', width: 150, render: (r: WarningRule) => ruleText(t, r) },
          { title: t('单位', 'Unit'), dataIndex: 'unitName', width: 110, render: (n: string | null, w) => n ?? w.unitCode },
          {
            title: t('项目', 'Project'),
            dataIndex: 'projectName',
            width: 200,
            render: (n: string | null, w) =>
              w.projectId ? (
                <Link to={`/projects/${w.projectId}`}>{n}</Link>
              ) : w.activityId ? (
                <Link to={`/activities/${w.activityId}`}>{t('查看活动', 'Open activity')}</Link>
              ) : w.inquiryId ? (
                <Link to="/reserve/inquiries">{t('查看咨询', 'Open inquiries')}</Link>
              ) : (
                '—'
              ),
          },
          { title: t('责任人', 'Owner'), dataIndex: 'owner', width: 80, render: (o: string | null) => o ?? '—' },
          { title: t('情况', 'Details'), dataIndex: 'message' },
          { title: t('首次预警', 'Since'), dataIndex: 'firstSeen', width: 100 },
          filter.status === 'cleared'
            ? { title: t('解除日期', 'Cleared'), dataIndex: 'clearedAt', width: 100 }
            : {
                title: t('督办', 'Supervision'),
                key: 'task',
                width: 96,
                fixed: 'right' as const,
                render: (_: unknown, w: Warning) =>
                  w.taskId ? (
                    <Link to={`/supervision/${w.taskId}`}>{t('督办中', 'In progress')}</Link>
                  ) : canSupervise ? (
                    <Button size="small" icon={<AlertOutlined />} onClick={() => setRaising(w)}>
                      {t('督办', 'Supervise')}
                    </Button>
                  ) : (
                    '—'
                  ),
              },
        ]}
      />
      <RaiseTaskModal warning={raising} onClose={() => setRaising(null)} />
    </Page>
  );
}
