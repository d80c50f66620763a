import { useEffect } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Switch, Typography } from 'antd';
import type { Settings } from '../../../../src/contracts/settings';
import { useSettings } from '../../shared/api/settings';
import { useSaveSettings } from './api/save-settings';
import { useLoadDemo } from './api/load-demo';
import { useT } from '../../shared/i18n';
import { useCan } from '../../shared/session';
import { LoadError, Page } from '../../components/Page';
import { applyServerErrors } from '../../components/formErrors';

type Field = { name: keyof Settings; zh: string; en: string; suffix?: string; min?: number; max?: number; step?: number };

const GROUPS: { title: [string, string]; fields: Field[] }[] = [
  {
    title: ['统计口径', 'Statistics'],
    fields: [
      { name: 'largeProjectThresholdWan', zh: '大项目门槛', en: 'Large project threshold', suffix: '万元' },
      { name: 'reserveThresholdWan', zh: '储备项目统计门槛', en: 'Reserve threshold', suffix: '万元' },
    ],
  },
  {
    title: ['预警规则', 'Warning rules'],
    fields: [
      { name: 'warnLeadAssessDays', zh: '线索登记后未研判', en: 'Lead not assessed after', suffix: '天' },
      { name: 'warnFollowUpYellowDays', zh: '在谈/意向未跟进（黄）', en: 'No follow-up (yellow)', suffix: '天' },
      { name: 'warnFollowUpRedDays', zh: '在谈/意向未跟进（红）', en: 'No follow-up (red)', suffix: '天' },
      { name: 'warnAgreementYellowDays', zh: '协议未转合同（黄）', en: 'Agreement not contracted (yellow)', suffix: '天' },
      { name: 'warnAgreementRedDays', zh: '协议未转合同（红）', en: 'Agreement not contracted (red)', suffix: '天' },
      { name: 'warnContractYellowDays', zh: '签约未开工（黄）', en: 'Contract not started (yellow)', suffix: '天' },
      { name: 'warnContractRedDays', zh: '签约未开工（红）', en: 'Contract not started (red)', suffix: '天' },
      { name: 'warnNoFundsMonths', zh: '开工后连续无到位资金', en: 'Started, no funds for', suffix: '个月' },
      { name: 'warnStartedLowShareMonths', zh: '开工后资金到位率检查期', en: 'Funds share check after start', suffix: '个月' },
      { name: 'warnStartedLowSharePercent', zh: '资金到位率下限', en: 'Minimum funds share', suffix: '%' },
      { name: 'warnSubmissionDueDay', zh: '月报截止（次月）', en: 'Monthly submission due day', suffix: '日', max: 28 },
      { name: 'warnBehindYellowPoints', zh: '落后时间进度（黄）', en: 'Behind time progress (yellow)', suffix: '个百分点' },
      { name: 'warnBehindRedPoints', zh: '落后时间进度（红）', en: 'Behind time progress (red)', suffix: '个百分点' },
      { name: 'warnNoResultFromMonth', zh: '零成果单位预警起始月', en: 'No-result warning from month', suffix: '月', max: 12 },
      { name: 'supervisionRedAfterDays', zh: '督办超期转红', en: 'Supervision red after deadline', suffix: '天' },
    ],
  },
  {
    title: ['考核办法', 'Assessment'],
    fields: [
      { name: 'assessmentWeightFunds', zh: '到位资金权重', en: 'Weight: funds', suffix: '分' },
      { name: 'assessmentWeightForeign', zh: '利用外资权重', en: 'Weight: foreign', suffix: '分' },
      { name: 'assessmentWeightContracts', zh: '签约项目数权重', en: 'Weight: contracts', suffix: '分' },
      { name: 'assessmentCap', zh: '完成率封顶', en: 'Completion cap', step: 0.1 },
      {
        name: 'assessmentDeductMissingSubmission',
        zh: '每缺报一次月报扣分',
        en: 'Deduction per missing submission',
        suffix: '分',
        step: 0.5,
      },
      {
        name: 'assessmentDeductContractNotStarted',
        zh: '每个签约逾期未开工项目扣分',
        en: 'Deduction per contract not started',
        suffix: '分',
        step: 0.5,
      },
      { name: 'assessmentSubmissionDueDay', zh: '考核：月报截止（次月）', en: 'Assessment: submission due day', suffix: '日', max: 28 },
      { name: 'assessmentContractStartDays', zh: '考核：签约后应开工', en: 'Assessment: start due after contract', suffix: '天' },
    ],
  },
  {
    title: ['数据质量提示', 'Data quality'],
    fields: [
      { name: 'qualitySpikeFactor', zh: '单月到位超过本单位月均的', en: 'Month above own mean ×', suffix: '倍', min: 1, step: 0.5 },
      { name: 'qualityRoundRunLength', zh: '连续整数金额月数', en: 'Run of round amounts', suffix: '个月', min: 2 },
      { name: 'qualityRoundUnitWan', zh: '“整数金额”的单位', en: 'Round amount unit', suffix: '万元', min: 1 },
    ],
  },
];

export function SettingsPage() {
  const t = useT();
  const canEdit = useCan('settings.write');
  const canDemo = useCan('demo.load');
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Settings>();
  const settings = useSettings();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const save = useSaveSettings({
    onSuccess: () => {
      message.success(t('设置已保存', 'Settings saved'));
    },
    onError: (e) => message.error(applyServerErrors(form, e)),
  });
  const demo = useLoadDemo({
    onSuccess: (s) => {
      modal.success({
        title: t('演示数据已加载', 'Demo data loaded'),
        content: (
          <div>
            {t(
              `${s.units} 个单位、${s.projects} 个项目、${s.fundEntries} 条到位资金。`,
              `${s.units} units, ${s.projects} projects, ${s.fundEntries} fund entries.`,
            )}
            <br />
            {t('演示账号（随机密码只显示这一次，请现在记下）：', 'Demo accounts (passwords shown only once): ')}
            {s.users.map((u) => `${u.username} / ${u.password}`).join('，')}
          </div>
        ),
      });
    },
    onError: (e) => message.error((e as Error).message),
  });

  if (settings.error) return <LoadError error={settings.error} retry={() => settings.refetch()} />;
  return (
    <Page
      title={t('系统设置', 'Settings')}
      extra={
        canEdit && (
          <Button type="primary" onClick={() => form.submit()} loading={save.isPending}>
            {t('保存设置', 'Save')}
          </Button>
        )
      }
    >
      <Form form={form} layout="vertical" disabled={!canEdit} onFinish={(v) => save.mutate(v)}>
        <Card title={t('本市', 'City')} size="small" style={{ marginBottom: 16 }} loading={settings.isLoading}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="cityName" label={t('城市名称', 'City name')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="homeRegionCode"
                label={t('本市行政区划代码', 'Home region code')}
                extra={t(
                  '修改后，所有客商的来源范围（本地/省内/省外/境外）会重新计算',
                  'Changing it recomputes every investor origin scope',
                )}
                rules={[{ required: true, pattern: /^\d{6}$/, message: t('6位数字', '6 digits') }]}
              >
                <Input maxLength={6} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="assessmentMethod" label={t('考核计分方法', 'Assessment method')}>
                <Select
                  options={[
                    { value: 'weighted', label: t('完成率加权法', 'Completion-weighted') },
                    { value: 'efficacy', label: t('功效系数法', 'Efficacy coefficient') },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('调度会材料', 'Briefing')} size="small" style={{ marginBottom: 16 }} loading={settings.isLoading}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="countLocalFundsInHeadline"
                valuePropName="checked"
                label={t('招商引资额含本地投资方到位资金', 'Headline includes local investors’ funds')}
                extra={t(
                  '口径：关闭后，调度会材料和驾驶舱的招商引资额只计域外投资方到位资金（不含本地）',
                  'When off, the headline 招商引资额 counts only funds of investors from outside the city',
                )}
              >
                <Switch checkedChildren={t('含', 'Yes')} unCheckedChildren={t('不含', 'No')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item
                name="briefingTopBlockers"
                label={t('讲话稿列出的重点困难问题', 'Blockers read out')}
                extra={t('逾期未解决的问题总会列出', 'Overdue ones always are')}
                rules={[{ required: true, message: t('必填', 'Required') }]}
              >
                <InputNumber style={{ width: '100%' }} min={0} max={100} addonAfter="条" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        {GROUPS.map((g) => (
          <Card key={g.title[0]} title={t(...g.title)} size="small" style={{ marginBottom: 16 }} loading={settings.isLoading}>
            <Row gutter={16}>
              {g.fields.map((f) => (
                <Col xs={24} sm={12} lg={6} key={f.name}>
                  <Form.Item name={f.name} label={t(f.zh, f.en)} rules={[{ required: true, message: t('必填', 'Required') }]}>
                    <InputNumber style={{ width: '100%' }} min={f.min ?? 0} max={f.max} step={f.step ?? 1} addonAfter={f.suffix} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Card>
        ))}
        <Card title={t('投资方页面', 'Public page for investors')} size="small" style={{ marginBottom: 16 }} loading={settings.isLoading}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="cityAdvantages"
                label={t('本市投资优势', 'Why invest here')}
                extra={t('显示在公开推介页和项目推介书上', 'Shown on the public page and brochures')}
                rules={[{ max: 3000, message: t('不超过3000字', 'At most 3000 characters') }]}
              >
                <Input.TextArea rows={4} showCount maxLength={3000} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="investorContact"
                label={t('投资咨询联系方式', 'Contact for investors')}
                rules={[{ max: 200, message: t('不超过200字', 'At most 200 characters') }]}
              >
                <Input placeholder={t('如：市招商办 0432-12345678', 'e.g. Investment office, phone')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="inquiryResponseHours"
                label={t('咨询答复时限', 'Answer inquiries within')}
                extra={t('超时未答复的咨询会标为超期', 'Later, an inquiry shows as overdue')}
                rules={[{ required: true, message: t('必填', 'Required') }]}
              >
                <InputNumber style={{ width: '100%' }} min={1} max={720} addonAfter={t('小时', 'h')} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
      </Form>
      {canDemo && (
        <Card title={t('演示数据', 'Demo data')} size="small">
          <Space direction="vertical">
            <Typography.Text type="secondary">
              {t(
                '加载一个虚构的吉林市：各县市区、开发区和部分市直部门，约300个项目、三年的到位资金、目标、招商活动和储备项目，全部标记为演示数据。',
                'Loads a fictional 吉林市 with ~300 projects over three years, all marked as demo data.',
              )}
            </Typography.Text>
            <Alert type="warning" showIcon message={t('请勿在正式环境加载演示数据', 'Do not load demo data in production')} />
            <Popconfirm title={t('确定加载演示数据吗？', 'Load the demo city?')} onConfirm={() => demo.mutate()}>
              <Button loading={demo.isPending}>{t('加载演示数据', 'Load demo data')}</Button>
            </Popconfirm>
          </Space>
        </Card>
      )}
    </Page>
  );
}
