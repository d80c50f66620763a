// Register or edit an investor. The credit code is checked as typed (GB 32100 check digit) and
// again by the server, whose messages (wrong check digit, duplicate → link) land on the field.
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, AutoComplete, Button, Col, Form, Input, Modal, Row, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Investor } from '../../../../src/contracts/investors';
import { validateCreditCode } from '../../../../src/domain/creditCode';
import { INDUSTRY_NAMES, OWNERSHIP_NAMES, optionsT } from '../../shared/labels';
import { ApiError } from '../../lib/api';
import { applyServerErrors } from '../../components/formErrors';
import { useT } from '../../shared/i18n';
import { useCreateInvestor } from './api/create-investor';
import { useRegions } from './api/get-regions';
import { useUpdateInvestor } from './api/update-investor';

export function InvestorForm({
  open,
  investor,
  onClose,
  onSaved,
}: {
  open: boolean;
  investor?: Investor | null;
  onClose: () => void;
  onSaved?: (i: Investor) => void;
}) {
  const t = useT();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [existing, setExisting] = useState<{ id: number; name: string } | null>(null);
  const [originQ, setOriginQ] = useState('');
  const regions = useRegions(originQ);
  const create = useCreateInvestor();
  const update = useUpdateInvestor();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    setExisting(null);
    if (investor) form.setFieldsValue({ ...investor, origin: investor.originName ?? investor.originInput ?? '' });
  }, [open, investor, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    setExisting(null);
    const body = {
      name: v.name,
      creditCode: v.creditCode || null,
      origin: v.origin || null,
      ownership: v.ownership ?? null,
      industry: v.industry ?? null,
      contacts: (v.contacts ?? []).filter((c: { name?: string }) => c?.name),
      notes: v.notes || null,
    };
    try {
      const saved = investor
        ? await update.mutateAsync({ id: investor.id, ...body, version: investor.version })
        : await create.mutateAsync(body);
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.detail?.existingId)
        setExisting({ id: Number(e.detail.existingId), name: String(e.detail.existingName ?? '') });
      setError(applyServerErrors(form, e));
    }
  };

  return (
    <Modal
      open={open}
      width={760}
      title={investor ? t('编辑客商', 'Edit investor') : t('登记客商', 'New investor')}
      onOk={submit}
      onCancel={onClose}
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 12 }}
          description={
            existing && (
              <Link to={`/investors/${existing.id}`} onClick={onClose}>
                {t(`查看已登记的客商“${existing.name}”`, `View the registered investor “${existing.name}”`)}
              </Link>
            )
          }
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item
              name="name"
              label={t('客商名称', 'Investor name')}
              rules={[{ required: true, message: t('请填写客商名称', 'Please enter the investor name') }]}
            >
              <Input autoFocus maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="creditCode"
              label={t('统一社会信用代码', 'Unified social credit code')}
              validateTrigger="onBlur"
              rules={[
                {
                  validator: (_, v: string | undefined) => {
                    if (!v) return Promise.resolve();
                    const r = validateCreditCode(v);
                    return r.ok ? Promise.resolve() : Promise.reject(new Error(t(r.reason, 'Invalid unified social credit code')));
                  },
                },
              ]}
            >
              <Input maxLength={24} placeholder={t('18位，可不填', '18 characters, optional')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="origin"
              label={t('投资方所在地', 'Investor location')}
              extra={t(
                '省市区名称、6位行政区划代码，或国家/地区（如 香港、美国）',
                'Province/city/district name, 6-digit division code, or country/region (e.g. 香港, 美国)',
              )}
            >
              <AutoComplete onSearch={setOriginQ} options={(regions.data ?? []).map((r) => ({ value: r.name, label: r.name }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="ownership" label={t('企业性质', 'Ownership')}>
              <Select allowClear options={optionsT(t, OWNERSHIP_NAMES)} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="industry" label={t('行业门类', 'Industry section')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={Object.entries(INDUSTRY_NAMES).map(([value, label]) => ({ value, label: `${value} ${t(...label)}` }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <div>
              <div style={{ marginBottom: 8 }}>{t('联系人', 'Contacts')}</div>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('姓名', 'Name') }]}>
                    <Input placeholder={t('姓名', 'Name')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']}>
                    <Input placeholder={t('职务', 'Title')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'phone']}>
                    <Input placeholder={t('电话', 'Phone')} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('删除联系人', 'Remove contact')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} style={{ marginBottom: 12 }}>
                {t('添加联系人', 'Add contact')}
              </Button>
            </div>
          )}
        </Form.List>
        <Form.Item name="notes" label={t('备注', 'Notes')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
