// Asks for what a stage move needs (date for contract/started/operating, reason for dropping,
// moving back or reopening) and sends it; the server's field messages land on the fields.
import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { ALL_STAGES, dateFieldForStage, isBackward, isReopen, type Stage } from '../../../../src/domain/stages';
import { applyServerErrors, keepEnterInDateFields } from '../../components/formErrors';
import { useT } from '../../shared/i18n';
import { STAGE_NAMES } from '../../shared/labels';
import { useMoveProject } from './api/move-project';

export interface MoveTarget {
  id: number;
  name: string;
  stage: Stage;
  version: number;
  to?: Stage;
}

export function MoveModal({ target, onClose, onDone }: { target: MoveTarget | null; onClose: () => void; onDone?: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const move = useMoveProject();
  const [error, setError] = useState<string | null>(null);
  const to: Stage | undefined = Form.useWatch('to', form);
  useEffect(() => {
    if (target) {
      form.resetFields();
      form.setFieldsValue({ to: target.to, date: dayjs() });
      setError(null);
    }
  }, [target, form]);
  if (!target) return null;
  const needsDate = !!to && (dateFieldForStage(to) !== null || to === 'agreement');
  const needsReason = !!to && (to === 'dropped' || isBackward(target.stage, to) || isReopen(target.stage, to));
  const [dateZh, dateEn]: [string, string] =
    to === 'contract'
      ? ['签约日期', 'Contract date']
      : to === 'started'
        ? ['开工日期', 'Start date']
        : to === 'operating'
          ? ['投产日期', 'Operation date']
          : to === 'agreement'
            ? ['协议签订日期', 'Agreement date']
            : ['日期', 'Date'];
  const dateLabel = t(dateZh, dateEn);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await move.mutateAsync({
        id: target.id,
        to: v.to,
        version: target.version,
        date: v.date ? (v.date as dayjs.Dayjs).format('YYYY-MM-DD') : null,
        reason: v.reason ?? null,
        agreementDueDate: v.agreementDueDate ? (v.agreementDueDate as dayjs.Dayjs).format('YYYY-MM-DD') : null,
      });
      onDone?.();
      onClose();
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  return (
    <Modal
      open
      title={`${t('变更阶段', 'Move stage')}：${target.name}`}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={move.isPending}
      okText={t('确认变更', 'Move')}
      cancelText={t('取消', 'Cancel')}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} onKeyDown={keepEnterInDateFields}>
        <Form.Item label={t('当前阶段', 'Current stage')}>{t(...STAGE_NAMES[target.stage])}</Form.Item>
        <Form.Item name="to" label={t('变更为', 'Move to')} rules={[{ required: true, message: t('请选择阶段', 'Choose a stage') }]}>
          <Select options={ALL_STAGES.filter((s) => s !== target.stage).map((s) => ({ value: s, label: t(...STAGE_NAMES[s]) }))} />
        </Form.Item>
        {needsDate && (
          <Form.Item
            name="date"
            label={dateLabel}
            rules={[{ required: to !== 'agreement', message: t(`请填写${dateZh}`, `Please enter the ${dateEn.toLowerCase()}`) }]}
          >
            <DatePicker style={{ width: '100%' }} autoFocus />
          </Form.Item>
        )}
        {to === 'agreement' && (
          <Form.Item name="agreementDueDate" label={t('应转为合同的期限', 'Contract due by')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        {(needsReason || (to && !needsDate)) && (
          <Form.Item
            name="reason"
            label={
              to === 'dropped'
                ? t('终止原因', 'Reason for dropping')
                : needsReason
                  ? t('原因（退回或重启须填写）', 'Reason (required to move back or reopen)')
                  : t('说明（可选）', 'Note (optional)')
            }
            rules={[{ required: needsReason, message: t('请填写原因', 'Please give a reason') }]}
          >
            <Input.TextArea rows={3} autoFocus={!needsDate} />
          </Form.Item>
        )}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
