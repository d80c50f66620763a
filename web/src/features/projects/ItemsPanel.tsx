// One panel per kind of project item (follow-ups, blockers, commitments, approval items):
// a table and an add/edit dialog whose fields come from a small description.
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { applyServerErrors } from '../../components/formErrors';
import { useDeleteItem, useItems, useSaveItem, type ItemPath } from './api';

export interface FieldSpec {
  name: string; label: string; kind: 'text' | 'textarea' | 'date' | 'select';
  options?: Record<string, string>; required?: boolean; inTable?: boolean; width?: number;
}

export function ItemsPanel({ projectId, path, label, fields, canWrite, defaults }: {
  projectId: number; path: ItemPath; label: string; fields: FieldSpec[]; canWrite: boolean; defaults?: Record<string, unknown>;
}) {
  const items = useItems(projectId, path);
  const save = useSaveItem();
  const del = useDeleteItem();
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState<Record<string, unknown> | null>(null);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    setError(null);
    const v: Record<string, unknown> = { ...defaults, ...editing };
    for (const f of fields) if (f.kind === 'date') v[f.name] = v[f.name] ? dayjs(v[f.name] as string) : f.name === 'date' && !editing.id ? dayjs() : null;
    form.setFieldsValue(v);
  }, [editing, form, fields, defaults]);

  const submit = async () => {
    const v = await form.validateFields();
    const body: Record<string, unknown> = {};
    for (const f of fields) {
      const x = v[f.name];
      body[f.name] = f.kind === 'date' ? (x ? (x as dayjs.Dayjs).format('YYYY-MM-DD') : null) : x === '' || x === undefined ? null : x;
    }
    if (editing?.id) body.version = editing.version;
    try {
      await save.mutateAsync({ projectId, path, itemId: editing?.id as number | undefined, body });
      message.success(`${label}已保存`);
      setEditing(null);
    } catch (e) { setError(applyServerErrors(form, e)); }
  };

  const columns = [
    ...fields.filter((f) => f.inTable).map((f) => ({
      title: f.label, dataIndex: f.name, width: f.width, ellipsis: f.kind === 'textarea',
      render: (x: unknown) => (x === null || x === undefined || x === '' ? '—' : f.options ? f.options[String(x)] ?? String(x) : String(x)),
    })),
    ...(canWrite ? [{
      title: '操作', key: 'ops', width: 120,
      render: (_: unknown, r: Record<string, unknown>) => (
        <Space>
          <a onClick={() => setEditing(r)}>编辑</a>
          <Popconfirm title={`删除这条${label}？`} okText="删除" cancelText="取消"
            onConfirm={() => del.mutateAsync({ projectId, path, itemId: r.id as number, version: r.version as number }).catch((e: Error) => message.error(e.message))}>
            <a>删除</a>
          </Popconfirm>
        </Space>
      ),
    }] : []),
  ];

  return (
    <div>
      {canWrite && <Button icon={<PlusOutlined />} style={{ marginBottom: 8 }} onClick={() => setEditing({})}>新增{label}</Button>}
      <Table rowKey="id" size="small" loading={items.isLoading} dataSource={(items.data ?? []) as unknown as Record<string, unknown>[]} columns={columns}
        pagination={false} locale={{ emptyText: `暂无${label}` }} />
      <Modal open={!!editing} title={editing?.id ? `编辑${label}` : `新增${label}`} onOk={submit} onCancel={() => setEditing(null)}
        okText="保存" cancelText="取消" confirmLoading={save.isPending} destroyOnHidden>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={submit}>
          {fields.map((f, i) => (
            <Form.Item key={f.name} name={f.name} label={f.label} rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}>
              {f.kind === 'text' ? <Input autoFocus={i === 0} />
                : f.kind === 'textarea' ? <Input.TextArea rows={3} autoFocus={i === 0} />
                : f.kind === 'date' ? <DatePicker style={{ width: '100%' }} />
                : <Select options={Object.entries(f.options ?? {}).map(([value, l]) => ({ value, label: l }))} />}
            </Form.Item>
          ))}
          <button type="submit" hidden />
        </Form>
      </Modal>
    </div>
  );
}
