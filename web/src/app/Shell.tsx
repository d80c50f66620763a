import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, Button, Dropdown, Form, Grid, Input, Layout, Menu, Modal, Space, Spin, Tag, Typography } from 'antd';
import { GlobalOutlined, LogoutOutlined, MenuOutlined, UserOutlined, KeyOutlined } from '@ant-design/icons';
import { apiSend, ApiError } from '../lib/api';
import { useLocale, useT } from '../shared/i18n';
import { useMe, useSession } from '../shared/session';
import { InboxBadge } from '../features/inbox/InboxBadge';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { FEATURE_ROUTES } from './features';
import { ROLE_NAMES } from '../shared/labels';
import type { FeatureRoute } from '../shared/feature';
import { PageErrorBoundary } from '../shared/ErrorBoundary';
import { homeKind } from '../shared/roleHome';
import type { Me } from '../../../src/contracts/common';

/** Whether a menu entry is for this person: their permission, role and scope. */
function shows(r: FeatureRoute, me: Me): boolean {
  const m = r.menu;
  if (!m) return false;
  if (m.permission && !me.permissions.includes(m.permission)) return false;
  if (m.roles && !m.roles.some((x) => (me.roles as string[]).includes(x))) return false;
  if (m.cityWide && !me.cityWide) return false;
  return true;
}

const GROUPS: { key: NonNullable<FeatureRoute['menu']>['group']; label: [string, string] }[] = [
  { key: 'overview', label: ['总览', 'Overview'] },
  { key: 'pipeline', label: ['项目管理', 'Pipeline'] },
  { key: 'funds', label: ['资金与月报', 'Funds'] },
  { key: 'dispatch', label: ['调度与考核', 'Dispatch'] },
  { key: 'system', label: ['系统管理', 'System'] },
];

function PasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const { message } = AntApp.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await apiSend('POST', '/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('密码已修改', 'Password changed'));
      form.resetFields();
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.fields) form.setFields(Object.entries(e.fields).map(([name, err]) => ({ name, errors: [err] })));
      else message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('修改密码', 'Change password')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText={t('保存', 'Save')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="currentPassword"
          label={t('当前密码', 'Current password')}
          rules={[{ required: true, message: t('请输入当前密码', 'Required') }]}
        >
          <Input.Password autoFocus autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('新密码（至少10位，不能是常见密码）', 'New password (10+ characters, not a common one)')}
          rules={[{ required: true, min: 10, message: t('至少10位', 'At least 10 characters') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('再次输入新密码', 'Repeat new password')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('请再次输入', 'Required') },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('两次输入不一致', 'Passwords differ'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

export function Shell() {
  const t = useT();
  const me = useMe();
  const { refresh } = useSession();
  const { locale, setLocale } = useLocale();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  // Before the first breakpoint measurement, screens is empty: fall back to the window width.
  const mobile = screens.lg === undefined ? window.innerWidth < 992 : !screens.lg;
  const [collapsed, setCollapsed] = useState(mobile);
  const [pwOpen, setPwOpen] = useState(false);

  const items = useMemo(
    () =>
      GROUPS.map((g) => {
        const children = FEATURE_ROUTES.filter((r) => r.menu?.group === g.key && shows(r, me))
          .sort((a, b) => a.menu!.order - b.menu!.order)
          .map((r) => ({ key: `/${r.path}`, icon: r.menu!.icon, label: t(...r.menu!.label) }));
        return children.length ? { key: g.key, type: 'group' as const, label: t(...g.label), children } : null;
      }).filter((x) => x !== null),
    [me.permissions, t],
  );

  // The menu entry whose path is the longest prefix of the current page (/funds/verify, not /funds).
  const menuPaths = FEATURE_ROUTES.filter((r) => r.menu).map((r) => `/${r.path}`);
  const selected =
    menuPaths
      .filter((p) => location.pathname === p || location.pathname.startsWith(p === '/' ? '/\u0000' : `${p}/`))
      .sort((a, b) => b.length - a.length)[0] ?? (location.pathname === '/' ? '/' : '');
  const logout = async () => {
    try {
      await apiSend('POST', '/auth/logout');
    } finally {
      await refresh();
      navigate('/login');
    }
  };
  const roleText = me.roles.map((r) => t(...(ROLE_NAMES[r] ?? [r, r]))).join('、');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        width={208}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        collapsedWidth={mobile ? 0 : 64}
        trigger={null}
        theme="light"
        style={{ borderRight: '1px solid #f0f0f0', ...(mobile ? { position: 'fixed', height: '100vh', zIndex: 20 } : {}) }}
      >
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            padding: '0 16px',
            fontWeight: 700,
            color: '#c0392b',
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          {collapsed ? '招' : t('招商引资调度平台', 'Investment Dispatch')}
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          items={items}
          onClick={(e) => {
            navigate(e.key);
            if (mobile) setCollapsed(true);
          }}
          style={{ borderInlineEnd: 0 }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Space>
            <Button
              type="text"
              icon={<MenuOutlined />}
              onClick={() => setCollapsed(!collapsed)}
              aria-label={t('展开/收起菜单', 'Toggle menu')}
            />
            {!mobile && me.unitName && <Tag color="blue">{me.unitName}</Tag>}
          </Space>
          <Space size={mobile ? 0 : 'small'}>
            <InboxBadge compact={mobile} />
            <NotificationBell compact={mobile} />
            <Button type="text" icon={<GlobalOutlined />} onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}>
              {locale === 'zh-CN' ? 'EN' : '中文'}
            </Button>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'role', label: <Typography.Text type="secondary">{roleText}</Typography.Text>, disabled: true },
                  { key: 'pw', icon: <KeyOutlined />, label: t('修改密码', 'Change password'), onClick: () => setPwOpen(true) },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('退出登录', 'Log out'), onClick: logout },
                ],
              }}
            >
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu" aria-label={me.displayName}>
                {mobile ? null : me.displayName}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
          <PageErrorBoundary key={location.pathname} homeIsDashboard={homeKind(me) === 'dashboard'}>
            <Suspense
              fallback={
                <div style={{ padding: 48, textAlign: 'center' }}>
                  <Spin />
                </div>
              }
            >
              <Outlet />
            </Suspense>
          </PageErrorBoundary>
        </Layout.Content>
      </Layout>
      <PasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </Layout>
  );
}
