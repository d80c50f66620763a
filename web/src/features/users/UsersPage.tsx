import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { User } from '../../../../src/contracts/users';
import { useUnits } from '../../shared/api/units';
import { useTokens, type Token } from './api/get-tokens';
import { useUsers } from './api/get-users';
import { createToken as postToken, createUser, revokeToken, updateUser, useUsersMutation, type UserInput } from './api/user-writes';
import { useT } from '../../shared/i18n';
import { ROLE_NAMES } from '../../shared/labels';
import { useUnlockUser } from './api/unlock-user';
import { LoadError, Page } from '../../components/Page';
import { applyServerErrors } from '../../components/formErrors';

const UNIT_ROLES = ['reporter', 'unit_head'];

export function UsersPage() {
  const t = useT();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [tokenOpen, setTokenOpen] = useState(false);
  const [newToken, setNewToken] = useState<string | null>(null);
  const [form] = Form.useForm();
  const [tform] = Form.useForm();
  const users = useUsers();
  const tokens = useTokens();
  const units = useUnits();
  const unitOptions = (units.data ?? []).filter((u) => u.kind !== 'city').map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }));
  const unitName = (code: string | null) => (code ? (units.data?.find((u) => u.code === code)?.name ?? code) : '—');
  const roleOptions = Object.entries(ROLE_NAMES).map(([k, v]) => ({ value: k, label: t(...v) }));
  const roles = Form.useWatch('roles', form) as string[] | undefined;

  const saveUser = useUsersMutation((v: UserInput) =>
    editing === 'new' ? createUser(v) : updateUser((editing as User).id, (editing as User).version, v),
  );
  const save = {
    isPending: saveUser.isPending,
    mutate: (v: UserInput) =>
      saveUser.mutate(v, {
        onSuccess: () => {
          message.success(t('已保存', 'Saved'));
          setEditing(null);
        },
        onError: (e) => message.error(applyServerErrors(form, e)),
      }),
  };
  const addToken = useUsersMutation(postToken);
  const createToken = {
    isPending: addToken.isPending,
    mutate: (v: { name: string; role: string; unitCode?: string }) =>
      addToken.mutate(v, {
        onSuccess: (r) => setNewToken(r.token),
        onError: (e) => message.error(applyServerErrors(tform, e)),
      }),
  };
  const revokeOne = useUsersMutation(revokeToken);
  const revoke = { mutate: (id: number) => revokeOne.mutate(id, { onSuccess: () => message.success(t('已吊销', 'Revoked')) }) };
  const unlock = useUnlockUser(
    (r) =>
      message.success(
        t(
          `已解除登录限制（账号 ${r.accounts} 条、网络地址 ${r.addresses} 条）`,
          `Unlocked (${r.accounts} account, ${r.addresses} address entries)`,
        ),
      ),
    (e) => message.error(e.message),
  );
  const open = (u: User | 'new') => {
    setEditing(u);
    form.resetFields();
    form.setFieldsValue(u === 'new' ? { roles: ['reporter'], active: true } : { ...u, unitCode: u.unitCode ?? undefined });
  };

  return (
    <Page title={t('用户与令牌', 'Users & tokens')}>
      <Tabs
        items={[
          {
            key: 'users',
            label: t('用户', 'Users'),
            children: users.error ? (
              <LoadError error={users.error} />
            ) : (
              <>
                <div style={{ marginBottom: 12 }}>
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
                    {t('新增用户', 'New user')}
                  </Button>
                </div>
                <Table<User>
                  rowKey="id"
                  loading={users.isLoading}
                  dataSource={users.data}
                  size="middle"
                  scroll={{ x: 700 }}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  columns={[
                    { title: t('用户名', 'Username'), dataIndex: 'username' },
                    { title: t('姓名', 'Name'), dataIndex: 'displayName' },
                    {
                      title: t('角色', 'Roles'),
                      dataIndex: 'roles',
                      render: (rs: string[]) => rs.map((r) => <Tag key={r}>{t(...(ROLE_NAMES[r] ?? [r, r]))}</Tag>),
                    },
                    { title: t('所属单位', 'Unit'), dataIndex: 'unitCode', render: unitName },
                    {
                      title: t('状态', 'Status'),
                      dataIndex: 'active',
                      render: (a: boolean) => (a ? t('启用', 'Active') : <Tag color="default">{t('停用', 'Disabled')}</Tag>),
                    },
                    {
                      title: '',
                      key: 'op',
                      width: 200,
                      render: (_: unknown, u) => (
                        <span style={{ display: 'inline-flex', gap: 8 }}>
                          <Button size="small" onClick={() => open(u)}>
                            {t('编辑', 'Edit')}
                          </Button>
                          <Popconfirm
                            title={t(
                              '清除该账号因密码错误造成的登录等待，以及相关网络地址的锁定？',
                              "Clear this account's login delays and address lockouts?",
                            )}
                            onConfirm={() => unlock.mutate(u.id)}
                          >
                            <Button size="small" loading={unlock.isPending && unlock.variables === u.id}>
                              {t('解除登录限制', 'Unlock sign-in')}
                            </Button>
                          </Popconfirm>
                        </span>
                      ),
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'tokens',
            label: t('API 令牌', 'API tokens'),
            children: (
              <>
                <Typography.Paragraph type="secondary">
                  {t(
                    '供其他系统对接使用：令牌具有一个角色和（可选）所属单位，可随时吊销。调用时在请求头加 Authorization: Bearer <令牌>。接口文档见 /docs。',
                    'For integrations: a token has one role and optional unit; send Authorization: Bearer <token>. API docs at /docs.',
                  )}
                </Typography.Paragraph>
                <div style={{ marginBottom: 12 }}>
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => {
                      setNewToken(null);
                      tform.resetFields();
                      setTokenOpen(true);
                    }}
                  >
                    {t('创建令牌', 'New token')}
                  </Button>
                </div>
                <Table<Token>
                  rowKey="id"
                  loading={tokens.isLoading}
                  dataSource={tokens.data}
                  size="middle"
                  scroll={{ x: 700 }}
                  pagination={false}
                  columns={[
                    { title: t('名称', 'Name'), dataIndex: 'name' },
                    { title: t('角色', 'Role'), dataIndex: 'role', render: (r: string) => t(...(ROLE_NAMES[r] ?? [r, r])) },
                    { title: t('单位', 'Unit'), dataIndex: 'unitCode', render: unitName },
                    {
                      title: t('最近使用', 'Last used'),
                      dataIndex: 'lastUsedAt',
                      render: (v: string | null) => (v ? new Date(v).toLocaleString() : '—'),
                    },
                    {
                      title: t('状态', 'Status'),
                      dataIndex: 'revokedAt',
                      render: (v: string | null) =>
                        v ? <Tag>{t('已吊销', 'Revoked')}</Tag> : <Tag color="green">{t('有效', 'Active')}</Tag>,
                    },
                    {
                      title: '',
                      key: 'op',
                      render: (_: unknown, tk) =>
                        !tk.revokedAt && (
                          <Popconfirm
                            title={t('吊销后使用该令牌的系统将无法访问，确定吗？', 'Revoke this token?')}
                            onConfirm={() => revoke.mutate(tk.id)}
                          >
                            <Button size="small" danger>
                              {t('吊销', 'Revoke')}
                            </Button>
                          </Popconfirm>
                        ),
                    },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('新增用户', 'New user') : t('编辑用户', 'Edit user')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        okText={t('保存', 'Save')}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="username" label={t('用户名', 'Username')} rules={[{ required: true, min: 2 }]}>
            <Input disabled={editing !== 'new'} autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('姓名', 'Name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="roles" label={t('角色', 'Roles')} rules={[{ required: true, message: t('至少选择一个角色', 'Pick a role') }]}>
            <Select mode="multiple" options={roleOptions} />
          </Form.Item>
          <Form.Item
            name="unitCode"
            label={t('所属单位', 'Unit')}
            rules={[
              {
                required: !!roles?.some((r) => UNIT_ROLES.includes(r)),
                message: t('单位填报员和单位负责人必须指定所属单位', 'Unit roles need a unit'),
              },
            ]}
          >
            <Select allowClear showSearch optionFilterProp="label" options={unitOptions} />
          </Form.Item>
          <Form.Item
            name="password"
            label={
              editing === 'new'
                ? t('初始密码（至少10位，不能是常见密码）', 'Initial password (10+ characters, not a common one)')
                : t('重置密码（留空则不修改）', 'Reset password (leave empty to keep)')
            }
            rules={[{ required: editing === 'new', min: 10, message: t('至少10位', 'At least 10 characters') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {editing !== 'new' && (
            <Form.Item name="active" label={t('启用', 'Active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        open={tokenOpen}
        title={t('创建 API 令牌', 'New API token')}
        onCancel={() => setTokenOpen(false)}
        footer={newToken ? <Button onClick={() => setTokenOpen(false)}>{t('关闭', 'Close')}</Button> : undefined}
        onOk={() => tform.submit()}
        confirmLoading={createToken.isPending}
      >
        {newToken ? (
          <Alert
            type="success"
            showIcon
            message={t('令牌只显示这一次，请立即复制保存', 'Shown once — copy it now')}
            description={
              <Typography.Text copyable code>
                {newToken}
              </Typography.Text>
            }
          />
        ) : (
          <Form form={tform} layout="vertical" onFinish={(v) => createToken.mutate(v)} initialValues={{ role: 'leader' }}>
            <Form.Item name="name" label={t('名称（用途）', 'Name')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="role" label={t('角色', 'Role')} rules={[{ required: true }]}>
              <Select options={roleOptions} />
            </Form.Item>
            <Form.Item name="unitCode" label={t('所属单位（单位角色必填）', 'Unit')}>
              <Select allowClear showSearch optionFilterProp="label" options={unitOptions} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Page>
  );
}
