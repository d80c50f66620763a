// Create or edit a project. Money is typed in 万元 / 万美元 and sent as integer 元 / USD.
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs from 'dayjs';
import type { Project } from '../../../../src/contracts/projects';
import { parseWan, yuanToWanText } from '../../../../src/domain/money';
import { ALL_STAGES } from '../../../../src/domain/stages';
import { INDUSTRY_NAMES, PROJECT_TYPE_NAMES, PROMOTION_CHANNEL_NAMES, STAGE_NAMES, optionsT, type TFn } from '../../shared/labels';
import { applyServerErrors, keepEnterInDateFields } from '../../components/formErrors';
import { useT } from '../../shared/i18n';
import { useMe } from '../../shared/session';
import { useCreateProject } from './api/create-project';
import { useInvestorSearch } from './api/search-investors';
import { useActivitySearch } from './api/search-activities';
import { useUnits } from '../../shared/api/units';
import { useUpdateProject } from './api/update-project';

const DATE_KEYS = ['registeredOn', 'agreementDate', 'agreementDueDate', 'contractDate', 'startDate', 'operatingDate'] as const;
const wanRule = (t: TFn, label: string, en: string) => ({
  validator: (_: unknown, v: string | undefined) =>
    !v || (parseWan(v) ?? -1) >= 0
      ? Promise.resolve()
      : Promise.reject(new Error(t(`${label}应为数字（万），最多4位小数`, `${en} must be a number in units of 10k, up to 4 decimals`))),
});

export function ProjectForm({
  open,
  project,
  onClose,
  onSaved,
}: {
  open: boolean;
  project?: Project | null;
  onClose: () => void;
  onSaved?: (p: Project) => void;
}) {
  const t = useT();
  const me = useMe();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [investorQ, setInvestorQ] = useState('');
  const investors = useInvestorSearch(investorQ);
  const { modal } = AntApp.useApp();
  const [activityQ, setActivityQ] = useState('');
  const activities = useActivitySearch(activityQ, open);
  const units = useUnits();
  const create = useCreateProject();
  const update = useUpdateProject();
  const stage = Form.useWatch('stage', form);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (project) {
      const v: Record<string, unknown> = {
        ...project,
        totalWan: yuanToWanText(project.totalInvestmentYuan),
        foreignWan: project.foreignUsd ? yuanToWanText(project.foreignUsd) : '',
        outputWan: project.annualOutputYuan ? yuanToWanText(project.annualOutputYuan) : '',
        taxWan: project.annualTaxYuan ? yuanToWanText(project.annualTaxYuan) : '',
      };
      for (const k of DATE_KEYS) v[k] = project[k] ? dayjs(project[k]) : null;
      form.setFieldsValue(v);
    } else {
      form.setFieldsValue({ stage: 'lead', unitCode: me.cityWide ? undefined : me.unitCode, registeredOn: dayjs() });
    }
  }, [open, project, form, me]);

  const submit = async () => {
    const v = await form.validateFields();
    // A contract (or agreement / start) date before the registration date usually means the
    // registration date is wrong: offer to move it to the earliest such date, or go back and correct.
    const registered = v.registeredOn as dayjs.Dayjs | null | undefined;
    const earlier = (['agreementDate', 'contractDate', 'startDate'] as const)
      .map((k) => ({ k, d: v[k] as dayjs.Dayjs | null | undefined }))
      .filter((x) => x.d && registered && x.d.isBefore(registered, 'day'))
      .sort((a, b) => a.d!.valueOf() - b.d!.valueOf())[0];
    if (earlier && registered) {
      const names = {
        agreementDate: t('协议日期', 'agreement date'),
        contractDate: t('签约日期', 'contract date'),
        startDate: t('开工日期', 'start date'),
      };
      const day = earlier.d!.format('YYYY-MM-DD');
      modal.confirm({
        title: t('日期早于登记日期', 'Date before registration'),
        content: t(
          `${names[earlier.k]} ${day} 早于登记日期 ${registered.format('YYYY-MM-DD')}。把登记日期改为 ${day} 并保存？选“返回修改”可自己更正日期。`,
          `The ${names[earlier.k]} ${day} is before the registration date ${registered.format('YYYY-MM-DD')}. Set the registration date to ${day} and save?`,
        ),
        okText: t(`登记日期改为 ${day}`, `Use ${day}`),
        cancelText: t('返回修改', 'Correct it'),
        onOk: async () => {
          form.setFieldValue('registeredOn', earlier.d);
          await save({ ...v, registeredOn: earlier.d });
        },
      });
      return;
    }
    await save(v);
  };

  const save = async (v: Awaited<ReturnType<typeof form.validateFields>>) => {
    const body: Record<string, unknown> = {
      name: v.name,
      owner: v.owner || null,
      sponsor: v.sponsor || null,
      investorId: v.investorId ?? null,
      industry: v.industry || null,
      projectType: v.projectType ?? null,
      totalInvestmentYuan: v.totalWan ? parseWan(v.totalWan) : 0,
      foreignUsd: v.foreignWan ? parseWan(v.foreignWan) : 0,
      location: v.location || null,
      landAreaMu: v.landAreaMu || null,
      annualOutputYuan: v.outputWan ? parseWan(v.outputWan) : null,
      annualTaxYuan: v.taxWan ? parseWan(v.taxWan) : null,
      jobs: v.jobs ?? null,
      channel: v.channel ?? null,
      servingUnitCode: v.servingUnitCode ?? null,
      tags: v.tags ?? [],
      sourceActivityId: v.sourceActivityId ?? null,
    };
    for (const k of DATE_KEYS) body[k] = v[k] ? (v[k] as dayjs.Dayjs).format('YYYY-MM-DD') : null;
    setError(null);
    try {
      let saved: Project;
      if (project) {
        saved = await update.mutateAsync({
          id: project.id,
          ...body,
          unitCode: v.unitCode,
          code: v.code,
          version: project.version,
        } as never);
      } else {
        saved = await create.mutateAsync({
          ...body,
          code: v.code || null,
          unitCode: v.unitCode,
          stage: v.stage,
          droppedReason: v.droppedReason ?? null,
        } as never);
      }
      onSaved?.(saved);
      onClose();
    } catch (e) {
      const map: Record<string, string> = {
        totalInvestmentYuan: 'totalWan',
        foreignUsd: 'foreignWan',
        annualOutputYuan: 'outputWan',
        annualTaxYuan: 'taxWan',
      };
      const err = e as { fields?: Record<string, string> };
      if (err.fields) err.fields = Object.fromEntries(Object.entries(err.fields).map(([k, m]) => [map[k] ?? k, m]));
      setError(applyServerErrors(form, e));
    }
  };

  const investorOptions = (investors.data ?? []).map((i) => ({
    value: i.id,
    label: `${i.name}${i.creditCode ? `（${i.creditCode}）` : ''}`,
  }));
  if (project?.investorId && !investorOptions.some((o) => o.value === project.investorId))
    investorOptions.unshift({ value: project.investorId, label: project.investorName ?? String(project.investorId) });
  const activityOptions = (activities.data ?? []).map((a) => ({
    value: a.id,
    label: `${a.name}（${a.startDate}${a.destination ? ` ${a.destination}` : ''}）`,
  }));
  // The project's own activity comes with the project (its name), so no lookup that another unit's id would refuse.
  if (project?.sourceActivityId && !activityOptions.some((o) => o.value === project.sourceActivityId)) {
    activityOptions.unshift({ value: project.sourceActivityId, label: project.sourceActivityName ?? `#${project.sourceActivityId}` });
  }
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }));

  return (
    <Modal
      open={open}
      width={860}
      title={project ? t('编辑项目', 'Edit project') : t('登记项目', 'New project')}
      onOk={submit}
      onCancel={onClose}
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} onKeyDown={keepEnterInDateFields} size="middle">
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item
              name="name"
              label={t('项目名称', 'Project name')}
              rules={[{ required: true, message: t('请填写项目名称', 'Please enter the project name') }]}
            >
              <Input autoFocus maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="code"
              label={t('项目编号', 'Project code')}
              extra={project ? undefined : t('留空由系统生成', 'Leave blank to generate')}
            >
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="unitCode"
              label={t('承办单位', 'Lead unit')}
              rules={[{ required: true, message: t('请选择承办单位', 'Please choose the lead unit') }]}
            >
              <Select options={unitOptions} disabled={!me.cityWide} showSearch optionFilterProp="label" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="owner" label={t('责任人', 'Owner')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="sponsor" label={t('包保领导', 'Sponsoring leader')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="investorId"
              label={t('投资方（客商）', 'Investor')}
              extra={t(
                '输入名称或信用代码搜索；新客商请先在“客商”中登记',
                'Search by name or credit code; register new investors under “Investors” first',
              )}
            >
              <Select
                showSearch
                allowClear
                filterOption={false}
                onSearch={setInvestorQ}
                options={investorOptions}
                loading={investors.isFetching}
                notFoundContent={t('没有匹配的客商', 'No matching investor')}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="industry" label={t('行业门类', 'Industry section')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={Object.entries(INDUSTRY_NAMES).map(([value, label]) => ({ value, label: `${value} ${t(...label)}` }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="projectType" label={t('项目类型', 'Project type')}>
              <Select allowClear options={optionsT(t, PROJECT_TYPE_NAMES)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="totalWan"
              label={t('总投资（万元）', 'Total investment (10k CNY)')}
              rules={[wanRule(t, '总投资', 'Total investment')]}
            >
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="foreignWan"
              label={t('其中外资（万美元）', 'Foreign portion (10k USD)')}
              rules={[wanRule(t, '外资', 'Foreign portion')]}
            >
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="location" label={t('建设地点/园区', 'Location / park')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="landAreaMu" label={t('用地面积（亩）', 'Land area (mu)')}>
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="jobs" label={t('预计就业（人）', 'Expected jobs')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="outputWan"
              label={t('预计年产值（万元）', 'Expected annual output (10k CNY)')}
              rules={[wanRule(t, '年产值', 'Annual output')]}
            >
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="taxWan"
              label={t('预计年税收（万元）', 'Expected annual tax (10k CNY)')}
              rules={[wanRule(t, '年税收', 'Annual tax')]}
            >
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="channel" label={t('招商方式', 'Promotion channel')}>
              <Select allowClear options={optionsT(t, PROMOTION_CHANNEL_NAMES)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="servingUnitCode"
              label={t('包保部门', 'Serving department')}
              tooltip={t(
                '包保部门可查看本项目并填写跟进记录、困难问题和承诺事项；到位资金仍计入承办单位',
                'The serving department sees this project and records follow-ups, blockers and commitments; funds still count for the owning unit',
              )}
            >
              <Select allowClear showSearch optionFilterProp="label" options={unitOptions} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="sourceActivityId"
              label={t('来源活动', 'Source activity')}
              extra={t('输入活动名称或目的地搜索', 'Search by activity name or destination')}
            >
              <Select
                showSearch
                allowClear
                filterOption={false}
                onSearch={setActivityQ}
                options={activityOptions}
                loading={activities.isFetching}
                notFoundContent={t('没有匹配的招商活动', 'No matching activity')}
                placeholder={t('由哪次招商活动带来（可不填）', 'Which activity brought it (optional)')}
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="tags" label={t('标签', 'Tags')}>
              <Select mode="tags" tokenSeparators={[',', '，']} />
            </Form.Item>
          </Col>
          {!project && (
            <Col span={8}>
              <Form.Item name="stage" label={t('当前阶段', 'Current stage')}>
                <Select options={ALL_STAGES.map((s) => ({ value: s, label: t(...STAGE_NAMES[s]) }))} />
              </Form.Item>
            </Col>
          )}
          <Col span={8}>
            <Form.Item name="registeredOn" label={t('登记日期', 'Registered on')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {(project || stage === 'agreement') && (
            <Col span={8}>
              <Form.Item name="agreementDate" label={t('协议日期', 'Agreement date')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          <Col span={8}>
            <Form.Item name="agreementDueDate" label={t('协议转合同期限', 'Contract due by')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {(project || ['contract', 'started', 'operating'].includes(stage)) && (
            <Col span={8}>
              <Form.Item name="contractDate" label={t('签约日期', 'Contract date')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          {(project || ['started', 'operating'].includes(stage)) && (
            <Col span={8}>
              <Form.Item name="startDate" label={t('开工日期', 'Start date')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          {(project || stage === 'operating') && (
            <Col span={8}>
              <Form.Item name="operatingDate" label={t('投产日期', 'Operation date')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          {!project && stage === 'dropped' && (
            <Col span={24}>
              <Form.Item
                name="droppedReason"
                label={t('终止原因', 'Reason for dropping')}
                rules={[{ required: true, message: t('请填写终止原因', 'Please give the reason') }]}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
