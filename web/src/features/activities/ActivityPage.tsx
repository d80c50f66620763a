// 活动详情与成果: what the activity was, its report, and the signed contracts credited to it.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { EditOutlined, FileTextOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { ActivityDetail } from '../../../../src/contracts/activities';
import { useT } from '../../shared/i18n';
import { useCan } from '../../shared/session';
import { applyServerErrors } from '../../components/formErrors';
import { LoadError, Page } from '../../components/Page';
import { useActivity } from './api/get-activity';
import { creditActivityProject, fileActivityReport, uncreditActivityProject, useActivityWrite } from './api/save-activity';
import { useSignedProjectSearch } from './api/search-signed-projects';
import { ActivityForm } from './ActivityForm';
import { KIND_COLORS, KIND_LABELS, REGION_LABELS, ReportTag } from './common';
import { Money } from '../../shared/Money';
import { useFormat } from '../../shared/format';

function ReportModal({ a, onClose }: { a: ActivityDetail; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ report: string; reportedOn: dayjs.Dayjs }>();
  const [error, setError] = useState<string | null>(null);
  const save = useActivityWrite((v: { report: string; reportedOn: dayjs.Dayjs }) =>
    fileActivityReport(a.id, { report: v.report, reportedOn: v.reportedOn.format('YYYY-MM-DD'), version: a.version }),
  );
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await save.mutateAsync(v);
      onClose();
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  return (
    <Modal
      open
      title={t('活动报告', 'Activity report')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={save.isPending}
      okText={t('提交报告', 'File report')}
      cancelText={t('取消', 'Cancel')}
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ report: a.report ?? '', reportedOn: a.reportedOn ? dayjs(a.reportedOn) : dayjs() }}
      >
        <Form.Item
          name="report"
          label={t('报告内容', 'Report')}
          rules={[{ required: true, min: 10, message: t('至少10个字：去了哪里、见了谁、谈成了什么、下一步', 'At least 10 characters') }]}
        >
          <Input.TextArea rows={8} maxLength={10000} showCount />
        </Form.Item>
        <Form.Item name="reportedOn" label={t('报告日期', 'Date')} rules={[{ required: true }]}>
          <DatePicker />
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

function CreditBox({ a }: { a: ActivityDetail }) {
  const t = useT();
  const { formatWan } = useFormat();
  const { message } = AntApp.useApp();
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<number | null>(null);
  const search = useSignedProjectSearch(q);
  const credit = useActivityWrite((projectId: number) => creditActivityProject(a.id, projectId));
  return (
    <Space wrap>
      <Select
        showSearch
        style={{ width: 360 }}
        placeholder={t('搜索已签约项目（名称或编号）', 'Search signed projects')}
        filterOption={false}
        onSearch={setQ}
        loading={search.isFetching}
        value={picked ?? undefined}
        onChange={setPicked}
        aria-label={t('选择签约项目', 'Signed project')}
        notFoundContent={search.isFetching ? <Skeleton.Input active size="small" /> : t('没有已签约的项目', 'No signed projects')}
        options={(search.data ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}（${formatWan(p.totalInvestmentYuan)}）` }))}
      />
      <Button
        type="primary"
        disabled={!picked}
        loading={credit.isPending}
        onClick={async () => {
          try {
            await credit.mutateAsync(picked!);
            setPicked(null);
            message.success(t('已计入本活动成果', 'Credited'));
          } catch (e) {
            message.error((e as Error).message);
          }
        }}
      >
        {t('计入签约项目', 'Credit contract')}
      </Button>
    </Space>
  );
}

export function ActivityPage() {
  const t = useT();
  const { formatWan } = useFormat();
  const id = Number(useParams().id);
  const one = useActivity(id);
  const canWrite = useCan('activity.write');
  const [editing, setEditing] = useState(false);
  const [reporting, setReporting] = useState(false);
  const { message } = AntApp.useApp();
  const uncredit = useActivityWrite((projectId: number) => uncreditActivityProject(id, projectId));
  if (one.error) return <LoadError error={one.error} retry={() => one.refetch()} />;
  if (!one.data) return <Skeleton active />;
  const a = one.data;
  const reps = a.enterprises.reduce((s, e) => s + e.representatives, 0);
  return (
    <Page
      title={a.name}
      subTitle={
        <Space wrap>
          <Link to="/activities">{t('← 招商活动', '← Activities')}</Link>
          <Tag color={KIND_COLORS[a.kind]}>{t(...KIND_LABELS[a.kind])}</Tag>
          <ReportTag a={a} />
        </Space>
      }
      extra={
        canWrite && (
          <>
            {a.reportDueOn && (
              <Button icon={<FileTextOutlined />} type={a.reportOverdue ? 'primary' : 'default'} onClick={() => setReporting(true)}>
                {a.reportedOn ? t('修改报告', 'Edit report') : t('提交报告', 'File report')}
              </Button>
            )}
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('修改', 'Edit')}
            </Button>
          </>
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Card>
          <Space size="large" wrap>
            <Statistic title={t('签约项目', 'Contracts signed')} value={a.signedCount} suffix={t('个', '')} />
            <Statistic title={t('引进投资', 'Investment')} value={formatWan(a.signedInvestmentYuan)} />
            <Statistic title={t('参加企业', 'Enterprises')} value={a.enterprises.length} suffix={t('户', '')} />
            <Statistic title={t('企业代表', 'Representatives')} value={reps} suffix={t('名', '')} />
            <Statistic title={t('推介项目', 'Projects promoted')} value={a.promoted.length} suffix={t('个', '')} />
          </Space>
        </Card>
        <Card title={t('活动信息', 'Details')}>
          <Descriptions
            column={{ xs: 1, sm: 2 }}
            size="small"
            items={[
              { key: 'd', label: t('日期', 'Dates'), children: `${a.startDate}${a.endDate ? ` — ${a.endDate}` : ''}` },
              {
                key: 'dest',
                label: t('目的地', 'Destination'),
                children: (
                  <>
                    {a.destination ?? '—'} <Tag>{t(...REGION_LABELS[a.destinationGroup])}</Tag>
                  </>
                ),
              },
              { key: 'u', label: t('组织单位', 'Unit'), children: a.unitName ?? '—' },
              { key: 'p', label: t('参加人次', 'Person-times'), children: a.personTimes },
              { key: 'm', label: t('参加人员', 'Members'), children: a.members.join('、') || '—' },
              { key: 'pr', label: t('推介项目', 'Projects promoted'), children: a.promoted.join('、') || '—' },
              { key: 'n', label: t('备注', 'Notes'), children: a.notes ?? '—' },
            ]}
          />
          {a.enterprises.length > 0 && (
            <Table
              size="small"
              rowKey="name"
              pagination={false}
              style={{ marginTop: 12 }}
              dataSource={a.enterprises}
              columns={[
                { title: t('参加企业', 'Enterprise'), dataIndex: 'name' },
                { title: t('代表人数', 'Representatives'), dataIndex: 'representatives', align: 'right' },
              ]}
            />
          )}
        </Card>
        <Card title={t('活动报告', 'Report')}>
          {a.report ? (
            <>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.report}</Typography.Paragraph>
              <Typography.Text type="secondary">
                {t('报告日期', 'Filed')} {a.reportedOn}
              </Typography.Text>
            </>
          ) : (
            <Empty
              description={
                a.reportDueOn
                  ? t(`尚未提交报告，应于${a.reportDueOn}前提交`, `No report yet, due ${a.reportDueOn}`)
                  : t('此类活动无需报告', 'No report needed')
              }
            />
          )}
        </Card>
        <Card title={t('成果：签约项目', 'Results: contracts signed')} extra={canWrite && <CreditBox a={a} />}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={a.signedProjects}
            scroll={{ x: 600 }}
            locale={{ emptyText: <Empty description={t('还没有计入签约项目', 'No contracts credited yet')} /> }}
            columns={[
              {
                title: t('项目', 'Project'),
                render: (_: unknown, p) => (
                  <Link to={`/projects/${p.id}`}>
                    {p.code} {p.name}
                  </Link>
                ),
              },
              { title: t('承办单位', 'Unit'), dataIndex: 'unitName' },
              { title: t('签约日期', 'Signed'), dataIndex: 'contractDate' },
              {
                title: t('总投资', 'Investment'),
                dataIndex: 'totalInvestmentYuan',
                align: 'right',
                render: (v: number) => <Money>{formatWan(v)}</Money>,
              },
              ...(canWrite
                ? [
                    {
                      title: '',
                      width: 80,
                      render: (_: unknown, p: { id: number }) => (
                        <Popconfirm
                          title={t('从本活动成果中移出？', 'Remove from results?')}
                          onConfirm={async () => {
                            try {
                              await uncredit.mutateAsync(p.id);
                            } catch (e) {
                              message.error((e as Error).message);
                            }
                          }}
                        >
                          <Button size="small" type="link" danger>
                            {t('移出', 'Remove')}
                          </Button>
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </Space>
      {editing && <ActivityForm activity={a} onClose={() => setEditing(false)} />}
      {reporting && <ReportModal a={a} onClose={() => setReporting(false)} />}
    </Page>
  );
}
