import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Form, Input, Result, Steps, Table, Typography } from 'antd';
import { apiGet, apiSend, ApiError, setCsrfToken } from '../lib/api';
import { useT } from '../shared/i18n';
import { getMe } from '../shared/api/me';

type Values = {
  cityName: string;
  homeRegionCode: string;
  cityUnitCode: string;
  adminUsername: string;
  adminDisplayName: string;
  adminPassword: string;
  confirm: string;
  loadDemo: boolean;
  fixedPassword: boolean;
};
type DemoUser = { username: string; password: string; role: string; unitCode: string | null };

/** First run: the city, its region code, the first administrator, and optionally the demo city. */
export function SetupPage({ onDone }: { onDone: () => Promise<void> }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [demoNote, setDemoNote] = useState<string | null>(null);
  const [demoUsers, setDemoUsers] = useState<DemoUser[]>([]);
  const navigate = useNavigate();

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      setStep(1);
      await apiSend('POST', '/setup', {
        cityName: v.cityName,
        homeRegionCode: v.homeRegionCode,
        cityUnitCode: v.cityUnitCode,
        adminUsername: v.adminUsername,
        adminDisplayName: v.adminDisplayName,
        adminPassword: v.adminPassword,
      });
      await apiSend('POST', '/auth/login', { username: v.adminUsername, password: v.adminPassword });
      // The session is ready, but the app switches to it only when the person clicks 进入系统.
      setCsrfToken((await getMe()).csrfToken);
      if (v.loadDemo) {
        setStep(2);
        const s = await apiSend<{ projects: number; fundEntries: number; units: number; users: DemoUser[] }>('POST', '/demo/load', {
          fixedPassword: !!v.fixedPassword,
        });
        setDemoUsers(s.users);
        setDemoNote(
          t(
            `已加载演示数据：${s.units} 个单位、${s.projects} 个项目、${s.fundEntries} 条到位资金`,
            `Demo loaded: ${s.units} units, ${s.projects} projects, ${s.fundEntries} fund entries`,
          ),
        );
      }
      setStep(3);
    } catch (e) {
      setStep(0);
      if (e instanceof ApiError && e.fields)
        form.setFields(Object.entries(e.fields).map(([name, err]) => ({ name: name as keyof Values, errors: [err] })));
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f4f6fb', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 560 }}>
        <Typography.Title level={3}>{t('欢迎使用招商引资调度平台', 'Welcome')}</Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('首次运行，请填写本市信息并创建第一个管理员账号。', 'First run: enter your city and create the first administrator.')}
        </Typography.Paragraph>
        <Steps
          size="small"
          current={step}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('填写信息', 'Details') },
            { title: t('初始化', 'Set up') },
            { title: t('演示数据', 'Demo data') },
            { title: t('完成', 'Done') },
          ]}
        />
        {step === 3 ? (
          <Result
            status="success"
            title={t('初始化完成', 'All set')}
            subTitle={
              demoNote ??
              t('可在“单位管理”中添加县市区、开发区和市直部门，或在“台账导入”中导入现有台账。', 'Add units or import your ledger to begin.')
            }
            extra={
              <Button
                type="primary"
                onClick={async () => {
                  await onDone();
                  navigate('/', { replace: true });
                }}
              >
                {t('进入系统', 'Enter')}
              </Button>
            }
          >
            {demoUsers.length > 0 && (
              <>
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  message={t('演示账号的密码只显示这一次，请现在记下或复制保存', 'Demo passwords are shown only once: note them now')}
                />
                <Table<DemoUser>
                  size="small"
                  rowKey="username"
                  pagination={false}
                  dataSource={demoUsers}
                  aria-label={t('演示账号', 'Demo accounts')}
                  columns={[
                    { title: t('用户名', 'Username'), dataIndex: 'username' },
                    {
                      title: t('密码', 'Password'),
                      dataIndex: 'password',
                      render: (v: string) => (
                        <Typography.Text code copyable>
                          {v}
                        </Typography.Text>
                      ),
                    },
                    { title: t('角色', 'Role'), dataIndex: 'role' },
                    { title: t('单位', 'Unit'), dataIndex: 'unitCode', render: (v: string | null) => v ?? '—' },
                  ]}
                />
              </>
            )}
          </Result>
        ) : (
          <Form
            form={form}
            layout="vertical"
            onFinish={submit}
            disabled={busy}
            initialValues={{
              cityName: '吉林市',
              homeRegionCode: '220200',
              cityUnitCode: 'C00',
              adminUsername: 'admin',
              adminDisplayName: '系统管理员',
              loadDemo: true,
              fixedPassword: false,
            }}
          >
            {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
            <Form.Item
              name="cityName"
              label={t('城市名称', 'City name')}
              rules={[{ required: true, message: t('请填写城市名称', 'Required') }]}
            >
              <Input autoFocus />
            </Form.Item>
            <Form.Item
              name="homeRegionCode"
              label={t('本市行政区划代码（GB/T 2260，6位）', 'Home region code (GB/T 2260, 6 digits)')}
              extra={t(
                '用于判断客商来源是本地、省内、省外还是境外，例如吉林市为 220200',
                'Decides whether an investor is local, in-province, domestic or abroad; e.g. 220200',
              )}
              rules={[
                {
                  required: true,
                  pattern: /^\d{4}00$/,
                  message: t('请填写地级市的6位代码，例如 220200', 'A 6-digit prefecture code, e.g. 220200'),
                },
              ]}
            >
              <Input maxLength={6} inputMode="numeric" />
            </Form.Item>
            <Form.Item
              name="cityUnitCode"
              label={t('市级单位代码', 'City unit code')}
              rules={[
                { required: true, pattern: /^[A-Za-z0-9_-]{1,32}$/, message: t('字母、数字、下划线或短横线', 'Letters, digits, _ or -') },
              ]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="adminUsername"
              label={t('管理员用户名', 'Administrator username')}
              rules={[{ required: true, min: 2, message: t('至少2位', 'At least 2 characters') }]}
            >
              <Input autoComplete="username" />
            </Form.Item>
            <Form.Item
              name="adminDisplayName"
              label={t('管理员姓名', 'Administrator name')}
              rules={[{ required: true, message: t('请填写姓名', 'Required') }]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="adminPassword"
              label={t('密码（至少10位，不能是常见密码）', 'Password (10+ characters, not a common one)')}
              rules={[{ required: true, min: 10, message: t('密码至少10位', 'At least 10 characters') }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('再次输入密码', 'Repeat password')}
              dependencies={['adminPassword']}
              rules={[
                { required: true, message: t('请再次输入密码', 'Required') },
                ({ getFieldValue }) => ({
                  validator: (_, v) =>
                    v === getFieldValue('adminPassword')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('两次输入不一致', 'Passwords differ'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item name="loadDemo" valuePropName="checked">
              <Checkbox>
                {t(
                  '同时加载演示数据（虚构的吉林市，约300个项目、三年数据，可用于试用和培训）',
                  'Also load the demo city (fictional, ~300 projects over three years)',
                )}
              </Checkbox>
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.loadDemo !== b.loadDemo}>
              {({ getFieldValue }) =>
                getFieldValue('loadDemo') && (
                  <Form.Item
                    name="fixedPassword"
                    valuePropName="checked"
                    extra={t(
                      '不勾选时，每个演示账号生成随机密码，完成后只显示一次',
                      'Otherwise each demo account gets a random password, shown once',
                    )}
                  >
                    <Checkbox>{t('使用固定演示密码 demo1234', 'Use the fixed demo password demo1234')}</Checkbox>
                  </Form.Item>
                )
              }
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('完成初始化', 'Finish setup')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
