// One supervision task: what, who, by when, its colour, and its rounds — the unit's answers, the
// supervisor's rejections, the interview at red, and the verified close.
import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Form, Input, Skeleton, Space, Timeline, Typography } from 'antd';
import type { SupervisionTaskDetail } from '../../../../src/contracts/warnings';
import { LoadError, Page } from '../../components/Page';
import { useT } from '../../shared/i18n';
import { useCan } from '../../shared/session';
import { useTask } from './api/get-task';
import { useActOnTask, type TaskAction } from './api/act-on-task';
import { ColourTag, statusText } from './common';

const EVENT_COLOUR: Record<string, string> = { feedback: 'blue', reject: 'orange', close: 'green', interview: 'red' };

function Actions({ task }: { task: SupervisionTaskDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const canSupervise = useCan('supervision.write');
  const canAnswer = useCan('project.write');
  const act = useActOnTask();
  const [form] = Form.useForm<{ content: string }>();
  if (task.status === 'closed') return null;
  const buttons: { action: TaskAction; label: string; primary?: boolean; danger?: boolean }[] = [];
  if (canAnswer && task.status === 'open') buttons.push({ action: 'feedback', label: t('提交反馈', 'Send answer'), primary: true });
  if (canSupervise && task.status === 'answered') {
    buttons.push({ action: 'close', label: t('核验通过，办结', 'Verify and close'), primary: true });
    buttons.push({ action: 'reject', label: t('退回重办', 'Send back') });
  }
  if (canSupervise && task.colour === 'red') buttons.push({ action: 'interview', label: t('记录约谈', 'Record interview'), danger: true });
  if (!buttons.length) {
    return (
      <Typography.Text type="secondary">
        {task.status === 'open'
          ? t('等待承办单位反馈。', 'Waiting for the unit to answer.')
          : t('已反馈，等待督办人核验。', 'Answered; waiting for verification.')}
      </Typography.Text>
    );
  }
  const submit = (action: TaskAction) =>
    form.validateFields().then(async (v) => {
      try {
        await act.mutateAsync({ id: task.id, action, version: task.version, content: v.content });
        form.resetFields();
        message.success(t('已保存', 'Saved'));
      } catch (e) {
        message.error((e as Error).message);
      }
    });
  return (
    <Form form={form} layout="vertical">
      <Form.Item
        name="content"
        label={canSupervise ? t('核验意见 / 约谈记录', 'Verification note / interview record') : t('办理情况', 'What was done')}
        rules={[{ required: true, message: t('请填写内容', 'Required') }]}
      >
        <Input.TextArea rows={4} maxLength={5000} />
      </Form.Item>
      <Space wrap>
        {buttons.map((b) => (
          <Button
            key={b.action}
            type={b.primary ? 'primary' : 'default'}
            danger={b.danger}
            loading={act.isPending && act.variables?.action === b.action}
            onClick={() => submit(b.action)}
          >
            {b.label}
          </Button>
        ))}
      </Space>
    </Form>
  );
}

export function TaskPage() {
  const t = useT();
  const id = Number(useParams().id);
  const q = useTask(id);
  const task = q.data;
  const kindText = (k: string) =>
    ({
      feedback: t('单位反馈', 'Answer'),
      reject: t('退回重办', 'Sent back'),
      close: t('核验办结', 'Verified, closed'),
      interview: t('约谈', 'Interview'),
    })[k] ?? k;
  return (
    <Page
      title={task ? task.title : t('督办事项', 'Supervision task')}
      subTitle={<Link to="/supervision">{t('返回督办列表', 'Back to tasks')}</Link>}
    >
      {q.error && <LoadError error={q.error} retry={() => q.refetch()} />}
      {!task ? (
        !q.error && <Skeleton active />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          <Card size="small">
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              items={[
                { key: 'c', label: t('等级', 'Colour'), children: <ColourTag task={task} t={t} /> },
                { key: 's', label: t('状态', 'Status'), children: <span data-testid="task-status">{statusText(t, task.status)}</span> },
                { key: 'd', label: t('办结期限', 'Deadline'), children: task.deadline },
                { key: 'u', label: t('承办单位', 'Unit'), children: task.unitName ?? task.unitCode },
                { key: 'a', label: t('责任人', 'Person'), children: task.assignee ?? '—' },
                {
                  key: 'p',
                  label: t('项目', 'Project'),
                  children: task.projectId ? <Link to={`/projects/${task.projectId}`}>{task.projectName}</Link> : '—',
                },
                { key: 'r', label: t('督办人', 'Raised by'), children: `${task.raisedByName ?? '—'}（${task.createdAt.slice(0, 10)}）` },
                {
                  key: 'src',
                  label: t('来源', 'Source'),
                  children: task.source === 'warning' ? t('由预警发起', 'From a warning') : t('手工发起', 'By hand'),
                },
                { key: 'cl', label: t('办结日期', 'Closed on'), children: task.closedOn ?? '—' },
                ...(task.content ? [{ key: 'x', label: t('督办要求', 'Requirements'), children: task.content, span: 3 }] : []),
              ]}
            />
          </Card>
          <Card size="small" title={t('办理过程', 'Rounds')}>
            {task.events.length === 0 ? (
              <Typography.Text type="secondary">{t('尚无反馈。', 'No answers yet.')}</Typography.Text>
            ) : (
              <Timeline
                items={task.events.map((e) => ({
                  color: EVENT_COLOUR[e.kind] ?? 'gray',
                  children: (
                    <>
                      <Typography.Text strong>{kindText(e.kind)}</Typography.Text>{' '}
                      <Typography.Text type="secondary">
                        {e.actorName} · {e.at.slice(0, 16).replace('T', ' ')}
                      </Typography.Text>
                      <div style={{ whiteSpace: 'pre-wrap' }}>{e.content}</div>
                    </>
                  ),
                }))}
              />
            )}
          </Card>
          {task.status !== 'closed' && (
            <Card size="small" title={t('办理', 'Act')}>
              <Actions task={task} />
            </Card>
          )}
        </Space>
      )}
    </Page>
  );
}
