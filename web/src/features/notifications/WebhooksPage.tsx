// 群机器人: the city office connects each unit's (and its own) 企业微信 / 钉钉 / 飞书 group robot, sends a
// test message, and pushes or previews the daily digest. Addresses and secrets are only ever shown masked.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import type { DigestRunResult, RobotKind, Webhook } from '../../../../src/contracts/notifications';
import { ApiError } from '../../lib/api';
import { useT } from '../../shared/i18n';
import { useWebhooks } from './api/get-webhooks';
import { useUnitOptions } from './api/get-unit-options';
import { useCreateWebhook, useDeleteWebhook, useTestWebhook, useUpdateWebhook } from './api/save-webhook';
import { useRunDigest } from './api/run-digest';
import { KIND_COLOURS, KIND_LABELS, StatusTag, URL_HINTS, when } from './common';

const CITY = '__city__';

function AddModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const units = useUnitOptions();
  const create = useCreateWebhook();
  const { message } = AntApp.useApp();
  const kind = Form.useWatch('kind', form) as RobotKind | undefined;
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({
        unitCode: v.unitCode === CITY ? null : v.unitCode,
        kind: v.kind,
        name: v.name,
        url: v.url,
        secret: v.secret || null,
      });
      message.success(t('已添加机器人，可点“发送测试消息”确认接通', 'Robot added; send a test message to check it'));
      form.resetFields();
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.fields) form.setFields(Object.entries(e.fields).map(([name, err]) => ({ name, errors: [err] })));
      else message.error((e as Error).message);
    }
  };
  const options = [
    { value: CITY, label: t('市招商办（全市简报）', 'City office (city-wide digest)') },
    ...(units.data?.items ?? [])
      .filter((u) => u.active && u.kind !== 'city')
      .map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` })),
  ];
  return (
    <Modal
      open={open}
      title={t('添加群机器人', 'Add a group robot')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okText={t('保存', 'Save')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'wecom', unitCode: CITY }} onFinish={submit}>
        <Form.Item name="unitCode" label={t('推送给', 'For')} rules={[{ required: true }]}>
          <Select options={options} showSearch optionFilterProp="label" loading={units.isLoading} />
        </Form.Item>
        <Form.Item name="kind" label={t('机器人类型', 'Robot')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={(['wecom', 'dingtalk', 'feishu'] as const).map((k) => ({ value: k, label: t(...KIND_LABELS[k]) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('名称', 'Name')}
          rules={[{ required: true, message: t('请填写名称，例如“昌邑区招商群”', 'Required') }]}
        >
          <Input maxLength={100} placeholder={t('例如：昌邑区招商群', 'e.g. Changyi investment group')} autoFocus />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('Webhook 地址', 'Webhook address')}
          extra={t('在群设置 → 群机器人中复制；保存后只显示掩码', 'Copy it from the group settings; shown masked once saved')}
          rules={[{ required: true, message: t('请粘贴机器人的 Webhook 地址', 'Required') }]}
        >
          <Input.Password visibilityToggle placeholder={URL_HINTS[kind ?? 'wecom']} autoComplete="off" />
        </Form.Item>
        {kind !== 'wecom' && (
          <Form.Item
            name="secret"
            label={t('加签密钥（可选）', 'Signing secret (optional)')}
            extra={
              kind === 'dingtalk'
                ? t('钉钉“加签”安全设置中以 SEC 开头的密钥', 'DingTalk "sign" secret, starts with SEC')
                : t('飞书“签名校验”中的密钥', 'Feishu signature secret')
            }
          >
            <Input.Password autoComplete="off" />
          </Form.Item>
        )}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

function DigestModal({ result, onClose }: { result: DigestRunResult | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      open={!!result}
      width={720}
      footer={null}
      onCancel={onClose}
      title={
        result?.dryRun
          ? t(`简报预览（${result.date}，未发送）`, `Digest preview (${result?.date}, not sent)`)
          : t(`已排队 ${result?.queued ?? 0} 条简报消息`, `${result?.queued ?? 0} digest messages queued`)
      }
    >
      {!result?.digests.length ? (
        <Alert type="info" showIcon title={t('还没有启用的机器人', 'No active robot yet')} />
      ) : (
        result.digests.map((d) => (
          <Card
            key={d.unitCode ?? 'city'}
            size="small"
            title={d.title}
            style={{ marginBottom: 12 }}
            extra={
              <Space>
                <Tag color="red">
                  {t('红', 'Red')} {d.red}
                </Tag>
                <Tag color="gold">
                  {t('黄', 'Yellow')} {d.yellow}
                </Tag>
                <Tag>{t(`${d.webhooks} 个机器人`, `${d.webhooks} robots`)}</Tag>
              </Space>
            }
          >
            <pre style={{ whiteSpace: 'pre-wrap', margin: 0, fontFamily: 'inherit' }}>{d.markdown}</pre>
          </Card>
        ))
      )}
    </Modal>
  );
}

export function WebhooksPage() {
  const t = useT();
  const q = useWebhooks();
  const update = useUpdateWebhook();
  const del = useDeleteWebhook();
  const test = useTestWebhook();
  const digest = useRunDigest();
  const { message } = AntApp.useApp();
  const [adding, setAdding] = useState(false);
  const [result, setResult] = useState<DigestRunResult | null>(null);
  const fail = (e: unknown) => message.error((e as Error).message);

  const sendTest = async (h: Webhook) => {
    try {
      const d = await test.mutateAsync(h.id);
      if (d.status === 'sent') message.success(t(`测试消息已送达“${h.name}”`, `Test message delivered to ${h.name}`));
      else message.warning(t(`未送达：${d.lastError ?? ''}；将按退避自动重试`, `Not delivered: ${d.lastError ?? ''}; will retry`), 8);
    } catch (e) {
      fail(e);
    }
  };
  const runDigest = async (dryRun: boolean) => {
    try {
      setResult(await digest.mutateAsync(dryRun));
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('群机器人', 'Group robots')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t(
              '每天 8 点后向各单位的企业微信、钉钉、飞书群推送一份预警与督办简报；失败的消息按 1 分钟、5 分钟、30 分钟、2 小时自动重试。',
              'A daily warnings digest to each unit’s group after 8:00, retried with back-off.',
            )}
          </Typography.Text>
        </div>
        <Space wrap>
          <Button onClick={() => runDigest(true)} loading={digest.isPending && digest.variables === true}>
            {t('预览今日简报', 'Preview digest')}
          </Button>
          <Popconfirm
            title={t('现在向所有启用的机器人推送今日简报？', 'Send today’s digest to every active robot now?')}
            onConfirm={() => runDigest(false)}
            okText={t('推送', 'Send')}
          >
            <Button icon={<SendOutlined />} loading={digest.isPending && digest.variables === false}>
              {t('立即推送简报', 'Send digest now')}
            </Button>
          </Popconfirm>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('添加机器人', 'Add robot')}
          </Button>
        </Space>
      </Space>
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      <Table<Webhook>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1200 }}
        locale={{
          emptyText: t(
            '还没有机器人。点“添加机器人”，粘贴群机器人的 Webhook 地址即可。',
            'No robots yet. Add one with its webhook address.',
          ),
        }}
        columns={[
          { title: t('推送给', 'For'), render: (_, h) => h.unitName ?? t('市招商办', 'City office') },
          { title: t('类型', 'Kind'), render: (_, h) => <Tag color={KIND_COLOURS[h.kind]}>{t(...KIND_LABELS[h.kind])}</Tag> },
          { title: t('名称', 'Name'), dataIndex: 'name' },
          {
            title: t('地址', 'Address'),
            width: 280,
            render: (_, h) => (
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {h.urlMasked}
              </Typography.Text>
            ),
          },
          { title: t('加签', 'Signed'), render: (_, h) => (h.hasSecret ? t('已设置', 'Yes') : '—') },
          {
            title: t('最近投递', 'Last delivery'),
            width: 190,
            render: (_, h) =>
              h.lastDelivery ? (
                <Space size={4} direction="vertical">
                  <Space size={4}>
                    <StatusTag status={h.lastDelivery.status} t={t} />
                    <span>{when(h.lastDelivery.at)}</span>
                  </Space>
                  {h.lastDelivery.error && (
                    <Typography.Text type="danger" style={{ fontSize: 12 }}>
                      {h.lastDelivery.error}
                    </Typography.Text>
                  )}
                </Space>
              ) : (
                t('尚未发送', 'Never')
              ),
          },
          {
            title: t('启用', 'Active'),
            render: (_, h) => (
              <Switch
                checked={h.active}
                aria-label={t('启用', 'Active')}
                onChange={(active) => update.mutateAsync({ id: h.id, version: h.version, active }).catch(fail)}
              />
            ),
          },
          {
            title: t('操作', 'Actions'),
            fixed: 'right',
            render: (_, h) => (
              <Space wrap>
                <Button size="small" onClick={() => sendTest(h)} loading={test.isPending && test.variables === h.id} disabled={!h.active}>
                  {t('发送测试消息', 'Send test')}
                </Button>
                <Link to={`/webhooks/${h.id}`}>{t('投递记录', 'Delivery log')}</Link>
                <Popconfirm
                  title={t(`删除“${h.name}”？其投递记录一并删除。`, `Delete ${h.name} and its log?`)}
                  onConfirm={() => del.mutateAsync(h.id).catch(fail)}
                  okText={t('删除', 'Delete')}
                >
                  <Button size="small" danger type="link">
                    {t('删除', 'Delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <AddModal open={adding} onClose={() => setAdding(false)} />
      <DigestModal result={result} onClose={() => setResult(null)} />
    </Space>
  );
}
