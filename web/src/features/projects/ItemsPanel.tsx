// One panel per kind of project item (follow-ups, blockers, commitments, approval items):
// a table and an add/edit dialog whose fields come from a small description.
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { applyServerErrors, keepEnterInDateFields } from '../../components/formErrors';
import { useT } from '../../shared/i18n';
import type { Pair } from '../../shared/labels';
import { useDeleteItem } from './api/delete-item';
import { useItems, type ItemPath } from './api/get-items';
import { useSaveItem } from './api/save-item';

export interface FieldSpec {
  name: string;
  label: Pair;
  kind: 'text' | 'textarea' | 'date' | 'select';
  options?: Record<string, Pair>;
  required?: boolean;
  inTable?: boolean;
  width?: number;
}

export function ItemsPanel({
  projectId,
  path,
  label,
  fields,
  canWrite,
  defaults,
  extraColumns = [],
  rowActions,
}: {
  projectId: number;
  path: ItemPath;
  label: Pair;
  fields: FieldSpec[];
  canWrite: boolean;
  defaults?: Record<string, unknown>;
  /** Read-only columns after the fields (e.g. the investor's answer to a commitment). */
  extraColumns?: { title: string; key: string; width?: number; render: (r: Record<string, unknown>) => ReactNode }[];
  /** More actions in a row, beside edit and delete. */
  rowActions?: (r: Record<string, unknown>) => ReactNode;
}) {
  const t = useT();
  const [labelZh, labelEn] = label;
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
    for (const f of fields)
      if (f.kind === 'date') v[f.name] = v[f.name] ? dayjs(v[f.name] as string) : f.name === 'date' && !editing.id ? dayjs() : null;
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
      message.success(t(`${labelZh}已保存`, `${labelEn} saved`));
      setEditing(null);
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };

  const columns = [
    ...fields
      .filter((f) => f.inTable)
      .map((f) => ({
        title: t(...f.label),
        dataIndex: f.name,
        width: f.width,
        ellipsis: f.kind === 'textarea',
        render: (x: unknown) =>
          x === null || x === undefined || x === ''
            ? '—'
            : f.options
              ? f.options[String(x)]
                ? t(...f.options[String(x)]!)
                : String(x)
              : String(x),
      })),
    ...extraColumns.map((c) => ({
      title: c.title,
      key: c.key,
      width: c.width,
      render: (_: unknown, r: Record<string, unknown>) => c.render(r),
    })),
    ...(canWrite
      ? [
          {
            title: t('操作', 'Actions'),
            key: 'ops',
            width: rowActions ? 200 : 120,
            render: (_: unknown, r: Record<string, unknown>) => (
              <Space>
                {rowActions?.(r)}
                <a onClick={() => setEditing(r)}>{t('编辑', 'Edit')}</a>
                <Popconfirm
                  title={t(`删除这条${labelZh}？`, `Delete this ${labelEn.toLowerCase()}?`)}
                  okText={t('删除', 'Delete')}
                  cancelText={t('取消', 'Cancel')}
                  onConfirm={() =>
                    del
                      .mutateAsync({ projectId, path, itemId: r.id as number, version: r.version as number })
                      .catch((e: Error) => message.error(e.message))
                  }
                >
                  <a>{t('删除', 'Delete')}</a>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      {canWrite && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 8 }} onClick={() => setEditing({})}>
          {t(`新增${labelZh}`, `New ${labelEn.toLowerCase()}`)}
        </Button>
      )}
      <Table
        rowKey="id"
        size="small"
        loading={items.isLoading}
        dataSource={(items.data ?? []) as unknown as Record<string, unknown>[]}
        columns={columns}
        pagination={false}
        locale={{ emptyText: t(`暂无${labelZh}`, 'No records yet') }}
      />
      <Modal
        open={!!editing}
        title={editing?.id ? t(`编辑${labelZh}`, `Edit ${labelEn.toLowerCase()}`) : t(`新增${labelZh}`, `New ${labelEn.toLowerCase()}`)}
        onOk={submit}
        onCancel={() => setEditing(null)}
        okText={t('保存', 'Save')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={submit} onKeyDown={keepEnterInDateFields}>
          {fields.map((f, i) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={t(...f.label)}
              rules={f.required ? [{ required: true, message: t(`请填写${f.label[0]}`, `Please enter ${f.label[1].toLowerCase()}`) }] : []}
            >
              {f.kind === 'text' ? (
                <Input autoFocus={i === 0} />
              ) : f.kind === 'textarea' ? (
                <Input.TextArea rows={3} autoFocus={i === 0} />
              ) : f.kind === 'date' ? (
                <DatePicker style={{ width: '100%' }} />
              ) : (
                <Select options={Object.entries(f.options ?? {}).map(([value, l]) => ({ value, label: t(...l) }))} />
              )}
            </Form.Item>
          ))}
          <button type="submit" hidden />
        </Form>
      </Modal>
    </div>
  );
}
