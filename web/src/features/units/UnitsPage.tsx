import { useState } from 'react';
import { App, Button, Empty, Form, Input, InputNumber, Modal, Segmented, Select, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Unit } from '../../../../src/contracts/units';
import { useUnits } from '../../shared/api/units';
import { useSaveUnit, type UnitInput } from './api/save-unit';
import { useT } from '../../shared/i18n';
import { useCan } from '../../shared/session';
import { LoadError, Page } from '../../components/Page';
import { applyServerErrors } from '../../components/formErrors';

export const UNIT_KIND_NAMES: Record<string, [string, string]> = {
  city: ['市', 'City'],
  county: ['县市区', 'County/district'],
  zone: ['开发区', 'Development zone'],
  department: ['市直部门', 'Department'],
};
const KIND_COLORS: Record<string, string> = { city: 'red', county: 'blue', zone: 'green', department: 'purple' };

export function UnitsPage() {
  const t = useT();
  const canEdit = useCan('unit.write');
  const { message } = App.useApp();
  const [kind, setKind] = useState<string>('all');
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [form] = Form.useForm();
  const units = useUnits();

  const saveUnit = useSaveUnit();
  const save = {
    isPending: saveUnit.isPending,
    mutate: (v: UnitInput) =>
      saveUnit.mutate(
        { editing: editing ?? 'new', v },
        {
          onSuccess: () => {
            message.success(t('已保存', 'Saved'));
            setEditing(null);
          },
          onError: (e) => message.error(applyServerErrors(form, e)),
        },
      ),
  };

  const rows = (units.data ?? []).filter(
    (u) => (kind === 'all' || u.kind === kind) && (!q || u.name.includes(q) || u.code.toLowerCase().includes(q.toLowerCase())),
  );
  const open = (u: Unit | 'new') => {
    setEditing(u);
    form.resetFields();
    form.setFieldsValue(u === 'new' ? { kind: 'county', sort: 0, active: true } : u);
  };

  return (
    <Page
      title={t('单位管理', 'Units')}
      subTitle={t('市、县市区、开发区和市直部门；每个单位有自己的目标、项目和月报', 'The city, counties, zones and departments')}
      extra={
        canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
            {t('新增单位', 'New unit')}
          </Button>
        )
      }
    >
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
        <Segmented
          value={kind}
          onChange={(v) => setKind(String(v))}
          options={[
            { value: 'all', label: t('全部', 'All') },
            ...Object.entries(UNIT_KIND_NAMES).map(([k, v]) => ({ value: k, label: t(...v) })),
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('搜索名称或代码', 'Search name or code')}
          style={{ maxWidth: 240 }}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      {units.error ? (
        <LoadError error={units.error} retry={() => units.refetch()} />
      ) : (
        <Table<Unit>
          rowKey="code"
          loading={units.isLoading}
          dataSource={rows}
          size="middle"
          scroll={{ x: 600 }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('还没有单位。可新增，或在“台账导入”中导入单位表', 'No units yet')} /> }}
          onRow={(u) => ({ onDoubleClick: () => canEdit && open(u) })}
          columns={[
            { title: t('代码', 'Code'), dataIndex: 'code', width: 100 },
            {
              title: t('名称', 'Name'),
              dataIndex: 'name',
              render: (n: string, u) => (
                <>
                  {n}
                  {u.isDemo && <Tag style={{ marginLeft: 8 }}>{t('演示', 'demo')}</Tag>}
                </>
              ),
            },
            {
              title: t('类型', 'Kind'),
              dataIndex: 'kind',
              width: 130,
              render: (k: string) => <Tag color={KIND_COLORS[k]}>{t(...(UNIT_KIND_NAMES[k] ?? [k, k]))}</Tag>,
            },
            {
              title: t('状态', 'Status'),
              dataIndex: 'active',
              width: 90,
              render: (a: boolean) => (a ? t('启用', 'Active') : <Tag>{t('停用', 'Inactive')}</Tag>),
            },
            ...(canEdit
              ? [
                  {
                    title: '',
                    key: 'op',
                    width: 80,
                    render: (_: unknown, u: Unit) => (
                      <Button size="small" onClick={() => open(u)}>
                        {t('编辑', 'Edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('新增单位', 'New unit') : t('编辑单位', 'Edit unit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        okText={t('保存', 'Save')}
        destroyOnHidden
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item
            name="code"
            label={t('单位代码', 'Code')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9_-]+$/, message: t('字母、数字、下划线或短横线', 'Letters, digits, _ or -') }]}
          >
            <Input disabled={editing !== 'new'} autoFocus />
          </Form.Item>
          <Form.Item name="name" label={t('单位名称', 'Name')} rules={[{ required: true, message: t('请填写单位名称', 'Required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('类型', 'Kind')} rules={[{ required: true }]}>
            <Select options={Object.entries(UNIT_KIND_NAMES).map(([k, v]) => ({ value: k, label: t(...v) }))} />
          </Form.Item>
          <Form.Item name="sort" label={t('排序', 'Order')}>
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
          {editing !== 'new' && (
            <Form.Item name="active" label={t('启用', 'Active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Page>
  );
}
