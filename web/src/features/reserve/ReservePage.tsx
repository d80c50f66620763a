// 项目储备: the list (search, status), and a new reserve project.
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { App as AntApp, Button, Empty, Form, Input, InputNumber, Modal, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ReserveProject } from '../../../../src/contracts/reserve';
import { wanText } from '../../../../src/domain/finance';
import { useT } from '../../shared/i18n';
import { useCan, useMe } from '../../shared/session';
import { applyServerErrors } from '../../components/formErrors';
import { LoadError, Page } from '../../components/Page';
import { useReserveProjects } from './api/get-reserve-projects';
import { useReserveUnits } from './api/get-units';
import { createReserveProject, useReserveWrite } from './api/save-reserve-project';
import { STATUS, StatusTag, wanToYuan } from './common';

function CreateModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const units = useReserveUnits();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const save = useReserveWrite(createReserveProject);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const p = await save.mutateAsync({ ...v, totalInvestmentYuan: wanToYuan(v.totalInvestmentWan) ?? 0, totalInvestmentWan: undefined });
      message.success(t('已新增储备项目', 'Reserve project added'));
      navigate(`/reserve/${p.id}`);
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  return (
    <Modal
      open
      title={t('新增储备项目', 'New reserve project')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={save.isPending}
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
    >
      <Form form={form} layout="vertical" initialValues={{ unitCode: me.unitCode ?? undefined }}>
        <Form.Item name="name" label={t('项目名称', 'Name')} rules={[{ required: true, message: t('请填写项目名称', 'Enter a name') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="unitCode" label={t('所在单位', 'Unit')} rules={[{ required: true, message: t('请选择单位', 'Pick a unit') }]}>
          <Select disabled={!me.cityWide} options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="industry" label={t('行业', 'Industry')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="location" label={t('建设地点', 'Location')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="totalInvestmentWan" label={t('总投资（万元）', 'Investment (10k CNY)')}>
            <InputNumber min={0} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('项目概况', 'Description')}>
          <Input.TextArea rows={3} maxLength={5000} />
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

export function ReservePage() {
  const t = useT();
  const canWrite = useCan('reserve.write');
  const [sp, setSp] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const q = Object.fromEntries(sp.entries());
  const page = Number(q.page ?? 1);
  const list = useReserveProjects({ ...q, page, pageSize: 20 });
  const set = (k: string, v: string | undefined) => {
    const n = new URLSearchParams(sp);
    if (v) n.set(k, v);
    else n.delete(k);
    n.delete('page');
    setSp(n, { replace: true });
  };
  return (
    <Page
      title={t('项目储备', 'Project reserve')}
      subTitle={t('包装推介的储备项目：市场前景、优势、专家论证与投资测算', 'Projects packaged for investors')}
      extra={
        <>
          <Link to="/reserve/rollover">{t('年度结转', 'Annual roll-over')}</Link>
          <Link to="/reserve/inquiries">{t('投资咨询', 'Inquiries')}</Link>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('新增储备项目', 'New reserve project')}
            </Button>
          )}
        </>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('名称、行业或地点', 'Name, industry, location')}
          defaultValue={q.q}
          onSearch={(v) => set('q', v || undefined)}
          style={{ width: 240 }}
          aria-label={t('搜索', 'Search')}
        />
        <Select
          allowClear
          placeholder={t('状态', 'Status')}
          value={q.status}
          onChange={(v) => set('status', v)}
          style={{ width: 120 }}
          options={Object.entries(STATUS).map(([value, s]) => ({ value, label: t(...s.label) }))}
        />
      </Space>
      {list.error ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : (
        <Table<ReserveProject>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items}
          scroll={{ x: 800 }}
          locale={{ emptyText: <Empty description={t('没有储备项目', 'No reserve projects')} /> }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (p) => {
              const n = new URLSearchParams(sp);
              n.set('page', String(p));
              setSp(n);
            },
          }}
          columns={[
            { title: t('项目名称', 'Name'), dataIndex: 'name', render: (v: string, p) => <Link to={`/reserve/${p.id}`}>{v}</Link> },
            { title: t('所在单位', 'Unit'), dataIndex: 'unitName', width: 120 },
            { title: t('行业', 'Industry'), dataIndex: 'industry', width: 120, render: (v: string | null) => v ?? '—' },
            {
              title: t('总投资（万元）', 'Investment (10k)'),
              dataIndex: 'totalInvestmentYuan',
              align: 'right',
              width: 130,
              render: (v: number) => wanText(v),
            },
            { title: t('状态', 'Status'), dataIndex: 'status', width: 90, render: (s: ReserveProject['status']) => <StatusTag s={s} /> },
            { title: t('测算', 'Figures'), width: 80, render: (_: unknown, p) => (p.cashflow ? t('已测算', 'Yes') : '—') },
          ]}
        />
      )}
      {creating && <CreateModal onClose={() => setCreating(false)} />}
    </Page>
  );
}
