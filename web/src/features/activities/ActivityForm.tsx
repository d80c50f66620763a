// 登记 / 修改招商活动: kind, dates, destination, organising unit, people, enterprises, projects promoted.
import { useState } from 'react';
import { App as AntApp, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { ActivityDetail } from '../../../../src/contracts/activities';
import { useT } from '../../shared/i18n';
import { useMe } from '../../shared/session';
import { applyServerErrors } from '../../components/formErrors';
import { useActivityUnits } from './api/get-units';
import { createActivity, updateActivity, useActivityWrite } from './api/save-activity';
import { KIND_LABELS } from './common';

type Values = {
  name: string;
  kind: ActivityDetail['kind'];
  dates: [Dayjs, Dayjs | null];
  destination?: string;
  unitCode?: string;
  personTimes?: number;
  members?: string[];
  enterprises?: { name: string; representatives: number }[];
  promoted?: string[];
  notes?: string;
};

export function ActivityForm({
  activity,
  onClose,
  onSaved,
}: {
  activity?: ActivityDetail;
  onClose: () => void;
  onSaved?: (a: ActivityDetail) => void;
}) {
  const t = useT();
  const me = useMe();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const units = useActivityUnits();
  const [error, setError] = useState<string | null>(null);
  const save = useActivityWrite(async (v: Values) => {
    const body = {
      name: v.name,
      kind: v.kind,
      startDate: v.dates[0].format('YYYY-MM-DD'),
      endDate: v.dates[1] ? v.dates[1].format('YYYY-MM-DD') : null,
      destination: v.destination ?? null,
      unitCode: v.unitCode ?? null,
      personTimes: v.personTimes ?? 0,
      members: v.members ?? [],
      enterprises: (v.enterprises ?? []).filter((e) => e?.name),
      promoted: (v.promoted ?? []).filter(Boolean),
      notes: v.notes ?? null,
    };
    return activity ? updateActivity(activity.id, { ...body, version: activity.version }) : createActivity(body);
  });
  const initial: Partial<Values> = activity
    ? {
        name: activity.name,
        kind: activity.kind,
        dates: [dayjs(activity.startDate), activity.endDate ? dayjs(activity.endDate) : null],
        destination: activity.destination ?? undefined,
        unitCode: activity.unitCode ?? undefined,
        personTimes: activity.personTimes,
        members: activity.members,
        enterprises: activity.enterprises,
        promoted: activity.promoted,
        notes: activity.notes ?? undefined,
      }
    : { kind: 'trip', personTimes: 1, unitCode: me.unitCode ?? undefined, members: [], enterprises: [], promoted: [] };
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const a = await save.mutateAsync(v);
      message.success(activity ? t('已保存', 'Saved') : t('已登记活动', 'Activity recorded'));
      onSaved?.(a);
      onClose();
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  return (
    <Modal
      open
      title={activity ? t('修改招商活动', 'Edit activity') : t('登记招商活动', 'New activity')}
      onCancel={onClose}
      width={720}
      footer={[
        <Button key="c" onClick={onClose}>
          {t('取消', 'Cancel')}
        </Button>,
        <Button key="s" type="primary" loading={save.isPending} onClick={submit}>
          {t('保存', 'Save')}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="name" label={t('活动名称', 'Name')} rules={[{ required: true, message: t('请填写活动名称', 'Enter a name') }]}>
          <Input maxLength={200} placeholder={t('如：赴苏州新材料产业链招商小分队', 'e.g. Trip to Suzhou')} />
        </Form.Item>
        <Space wrap style={{ width: '100%' }} size="middle">
          <Form.Item name="kind" label={t('类型', 'Kind')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={Object.entries(KIND_LABELS).map(([value, l]) => ({ value, label: t(l[0], l[1]) }))} />
          </Form.Item>
          <Form.Item
            name="dates"
            label={t('开始 — 返回日期', 'Start — return')}
            rules={[{ required: true, message: t('请选择日期', 'Pick the dates') }]}
          >
            <DatePicker.RangePicker allowEmpty={[false, true]} />
          </Form.Item>
          <Form.Item name="personTimes" label={t('参加人次', 'Person-times')}>
            <InputNumber min={0} max={100000} />
          </Form.Item>
        </Space>
        <Space wrap style={{ width: '100%' }} size="middle">
          <Form.Item name="destination" label={t('目的地', 'Destination')} style={{ minWidth: 280 }}>
            <Input maxLength={200} placeholder={t('如：江苏省苏州市、浙江省杭州市', 'e.g. Suzhou, Jiangsu')} />
          </Form.Item>
          <Form.Item name="unitCode" label={t('组织单位', 'Organising unit')}>
            <Select
              style={{ width: 200 }}
              disabled={!me.cityWide}
              loading={units.isLoading}
              allowClear
              options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="members" label={t('参加人员', 'Members')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder={t('输入姓名后回车', 'Type a name, press Enter')} />
        </Form.Item>
        <Form.Item label={t('参加企业及代表人数', 'Enterprises and representatives')}>
          <Form.List name="enterprises">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('企业名称', 'Name') }]}>
                      <Input placeholder={t('企业名称', 'Enterprise')} maxLength={100} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'representatives']} initialValue={1}>
                      <InputNumber min={0} max={999} addonAfter={t('名代表', 'reps')} />
                    </Form.Item>
                    <MinusCircleOutlined aria-label={t('删除', 'Remove')} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ name: '', representatives: 1 })} icon={<PlusOutlined />}>
                  {t('添加企业', 'Add enterprise')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="promoted" label={t('推介项目', 'Projects promoted')}>
          <Select mode="tags" tokenSeparators={['，', '、']} placeholder={t('输入项目名称后回车', 'Type a project, press Enter')} />
        </Form.Item>
        <Form.Item name="notes" label={t('备注', 'Notes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {error && (
          <div role="alert" style={{ color: '#cf1322' }}>
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
}
