// 首报首谈: two units registered the same investor or a near-identical project; the city office
// decides which unit leads, with its reason, and the decision stays on record.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Form, Input, Modal, Radio, Table, Tag, Button, Typography } from 'antd';
import { LoadError, Page } from '../../components/Page';
import { applyServerErrors } from '../../components/formErrors';
import { useT } from '../../shared/i18n';
import { useDecideLead, useLeadConflicts, type LeadConflict } from './api/get-lead-conflicts';

export function LeadsPage() {
  const t = useT();
  const { message } = App.useApp();
  const q = useLeadConflicts();
  const decide = useDecideLead();
  const [current, setCurrent] = useState<LeadConflict | null>(null);
  const [form] = Form.useForm<{ leadUnitCode: string; reason: string }>();
  return (
    <Page title={t('首报首谈', 'Who leads an investor')} subTitle={<Link to="/warnings">{t('返回预警', 'Back to warnings')}</Link>}>
      {q.error && <LoadError error={q.error} retry={() => q.refetch()} />}
      <Table<LeadConflict>
        size="small"
        rowKey="key"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: 860 }}
        locale={{ emptyText: t('没有两个单位重复登记的投资方或项目', 'No duplicate registrations') }}
        columns={[
          { title: t('情况', 'Why'), dataIndex: 'detail' },
          ...[0, 1].map((i) => ({
            title: t(`单位${i + 1}`, `Unit ${i + 1}`),
            key: `p${i}`,
            width: 220,
            render: (_: unknown, c: LeadConflict) => {
              const p = c.projects[i as 0 | 1];
              return (
                <span>
                  {c.unitNames[p.unitCode]}：<Link to={`/projects/${p.id}`}>{p.name}</Link>
                  {p.registeredOn && <Typography.Text type="secondary">（{p.registeredOn} 登记）</Typography.Text>}
                </span>
              );
            },
          })),
          {
            title: t('决定', 'Decision'),
            key: 'd',
            width: 240,
            render: (_, c) =>
              c.decision ? (
                <span>
                  <Tag color="green">
                    {t(`${c.unitNames[c.decision.leadUnitCode]} 牵头`, `${c.unitNames[c.decision.leadUnitCode]} leads`)}
                  </Tag>
                  {c.decision.reason}
                </span>
              ) : (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => {
                    form.resetFields();
                    setCurrent(c);
                  }}
                >
                  {t('决定牵头单位', 'Decide')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={!!current}
        title={t('决定牵头单位', 'Decide who leads')}
        okText={t('确定', 'Confirm')}
        cancelText={t('取消', 'Cancel')}
        destroyOnHidden
        confirmLoading={decide.isPending}
        onCancel={() => setCurrent(null)}
        onOk={() =>
          form.validateFields().then(async (v) => {
            try {
              await decide.mutateAsync({ key: current!.key, ...v });
              message.success(t('已记录决定', 'Decision recorded'));
              setCurrent(null);
            } catch (e) {
              message.error(applyServerErrors(form, e));
            }
          })
        }
      >
        {current && (
          <Form form={form} layout="vertical">
            <Typography.Paragraph type="secondary">{current.detail}</Typography.Paragraph>
            <Form.Item
              name="leadUnitCode"
              label={t('牵头单位', 'Lead unit')}
              rules={[{ required: true, message: t('请选择', 'Required') }]}
            >
              <Radio.Group options={current.projects.map((p) => ({ value: p.unitCode, label: current.unitNames[p.unitCode] }))} />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('理由', 'Reason')}
              rules={[{ required: true, min: 2, message: t('请写明理由', 'Give a reason') }]}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Page>
  );
}
