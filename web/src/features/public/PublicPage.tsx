// The investors' page (no login): projects the city promotes, its advantages, and an inquiry form.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Form, Input, Layout, Result, Row, Select, Skeleton, Space, Statistic, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../shared/i18n';
import { ApiError } from '../../lib/api';
import { applyServerErrors } from '../../components/formErrors';
import { primeCsrf, usePublicInfo, usePublicReserve } from './api/get-public';
import { useSendInquiry } from './api/send-public';
import { percent } from '../../shared/format';
import { useFormat } from '../../shared/format';

const pct = percent;

function InquiryForm({
  projects,
  formToken,
  preset,
}: {
  projects: { id: number; name: string }[];
  formToken: string;
  preset: number | null;
}) {
  const t = useT();
  const [form] = Form.useForm();
  const send = useSendInquiry();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (preset) form.setFieldValue('reserveProjectId', preset);
  }, [preset, form]);
  if (send.isSuccess)
    return (
      <Result
        status="success"
        title={t('已收到您的咨询', 'Your inquiry has been received')}
        subTitle={t('招商部门将尽快与您联系。', 'The investment office will contact you soon.')}
      />
    );
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await send.mutateAsync({ ...v, formToken });
    } catch (e) {
      setError(e instanceof ApiError ? applyServerErrors(form, e) : (e as Error).message);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} aria-label={t('投资咨询', 'Inquiry')}>
      <Form.Item name="reserveProjectId" label={t('感兴趣的项目（可不选）', 'Project of interest (optional)')}>
        <Select allowClear options={projects.map((p) => ({ value: p.id, label: p.name }))} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="name"
            label={t('称呼', 'Your name')}
            rules={[{ required: true, message: t('请填写称呼', 'Enter your name') }, { max: 50 }]}
          >
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="company" label={t('单位', 'Company')} rules={[{ max: 100 }]}>
            <Input maxLength={100} autoComplete="organization" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="contact"
        label={t('联系方式（电话或邮箱）', 'Phone or e-mail')}
        rules={[{ required: true, min: 3, message: t('请填写联系方式', 'Enter a phone or e-mail') }]}
      >
        <Input maxLength={100} autoComplete="tel" />
      </Form.Item>
      <Form.Item
        name="message"
        label={t('留言', 'Message')}
        rules={[{ required: true, min: 5, message: t('请至少写5个字', 'At least 5 characters') }]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      {/* honeypot: hidden from people, filled by bots */}
      <div aria-hidden="true" style={{ position: 'absolute', left: -10000, width: 1, height: 1, overflow: 'hidden' }}>
        <Form.Item name="website" label="Website">
          <Input tabIndex={-1} autoComplete="off" />
        </Form.Item>
      </div>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={send.isPending}>
        {t('提交咨询', 'Send inquiry')}
      </Button>
    </Form>
  );
}

export function PublicPage() {
  const t = useT();
  const { formatWan } = useFormat();
  const { locale, setLocale } = useLocale();
  const info = usePublicInfo();
  const list = usePublicReserve();
  const [preset, setPreset] = useState<number | null>(null);
  useEffect(() => {
    void primeCsrf();
  }, []);
  const en = locale !== 'zh-CN';
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Layout.Header
        style={{ background: '#c0392b', display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 16 }}
      >
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          {info.data ? t(`${info.data.cityName}招商推介`, `Invest in ${info.data.cityName}`) : '…'}
        </Typography.Title>
        <Button size="small" onClick={() => setLocale(en ? 'zh-CN' : 'en-US')}>
          {en ? '中文' : 'English'}
        </Button>
      </Layout.Header>
      <Layout.Content style={{ maxWidth: 1100, width: '100%', margin: '0 auto', padding: 16 }}>
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          {info.data?.cityAdvantages && (
            <Card title={t('城市优势', 'Why invest here')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{info.data.cityAdvantages}</Typography.Paragraph>
            </Card>
          )}
          <div>
            <Typography.Title level={4}>{t('推介项目', 'Projects on offer')}</Typography.Title>
            {list.isLoading ? (
              <Skeleton active />
            ) : list.error ? (
              <Alert type="error" message={(list.error as Error).message} />
            ) : !list.data?.length ? (
              <Empty description={t('暂无推介项目', 'No projects on offer yet')} />
            ) : (
              <Row gutter={[16, 16]}>
                {list.data.map((p) => (
                  <Col xs={24} md={12} key={p.id}>
                    <Card
                      title={en && p.nameEn ? p.nameEn : p.name}
                      style={{ height: '100%' }}
                      actions={[
                        <a key="zh" href={`/api/v1/public/reserve-projects/${p.id}/brochure?lang=zh`}>
                          <DownloadOutlined /> {t('中文单页', 'Brochure (zh)')}
                        </a>,
                        <a key="en" href={`/api/v1/public/reserve-projects/${p.id}/brochure?lang=en`}>
                          <DownloadOutlined /> {t('英文单页', 'Brochure (en)')}
                        </a>,
                        <a key="ask" href="#inquiry" onClick={() => setPreset(p.id)}>
                          {t('咨询此项目', 'Ask about it')}
                        </a>,
                      ]}
                    >
                      <Typography.Paragraph type="secondary">{[p.industry, p.location].filter(Boolean).join(' · ')}</Typography.Paragraph>
                      <Typography.Paragraph ellipsis={{ rows: 3 }}>{p.description}</Typography.Paragraph>
                      <Space size="large" wrap>
                        <Statistic title={t('总投资', 'Investment')} value={formatWan(p.totalInvestmentYuan)} />
                        <Statistic title={t('内部收益率', 'IRR')} value={pct(p.irr)} />
                        <Statistic
                          title={t('回收期', 'Payback')}
                          value={p.paybackYears === null ? '—' : p.paybackYears.toFixed(1)}
                          suffix={p.paybackYears === null ? '' : t('年', 'yrs')}
                        />
                      </Space>
                    </Card>
                  </Col>
                ))}
              </Row>
            )}
          </div>
          <Card
            id="inquiry"
            title={t('投资咨询', 'Contact us')}
            extra={
              info.data && (
                <Typography.Text type="secondary">
                  {t(`我们将在${info.data.inquiryResponseHours}小时内答复`, `We answer within ${info.data.inquiryResponseHours} hours`)}
                </Typography.Text>
              )
            }
          >
            {info.data ? (
              <InquiryForm
                projects={(list.data ?? []).map((p) => ({ id: p.id, name: en && p.nameEn ? p.nameEn : p.name }))}
                formToken={info.data.formToken}
                preset={preset}
              />
            ) : (
              <Skeleton active />
            )}
            {info.data?.contact && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                {t('联系：', 'Contact: ')}
                {info.data.contact}
              </Typography.Paragraph>
            )}
          </Card>
        </Space>
      </Layout.Content>
    </Layout>
  );
}
