// 储备项目详情: the packaging (market, advantages, English texts, expert review), the investor's view
// (cash-flow estimates → NPV, IRR, payback, ROI, sensitivity, chart), brochures, conversion.
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Dropdown,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tabs,
  Typography,
} from 'antd';
import { DownloadOutlined, EditOutlined, SwapOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { CashFlowInputsDto, ReserveDetail } from '../../../../src/contracts/reserve';
import { cashFlows, financeFigures, sensitivity, wanText } from '../../../../src/domain/finance';
import { useT } from '../../shared/i18n';
import { useCan } from '../../shared/session';
import { download } from '../../lib/api';
import { applyServerErrors } from '../../components/formErrors';
import { LoadError, Page } from '../../components/Page';
import { useReserveProject } from './api/get-reserve-project';
import { convertReserveProject, updateReserveProject, useReserveWrite } from './api/save-reserve-project';
import { CashFlowChart } from './CashFlowChart';
import { STATUS, StatusTag, VERDICTS, pct } from './common';

const listText = (l: number[]) => l.map((y) => String(y / 10000)).join(', ');
/** "600, 400" (万元) → [6000000, 4000000]; null when a part is not a non-negative number. */
function parseList(s: string): number[] | null {
  const parts = s.split(/[,，、\s]+/).filter(Boolean);
  const out = parts.map((p) => Number(p));
  return out.some((n) => !Number.isFinite(n) || n < 0) ? null : out.map((n) => Math.round(n * 10000));
}

function EditModal({ p, onClose }: { p: ReserveDetail; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const save = useReserveWrite((v: Record<string, unknown>) => updateReserveProject(p.id, v as never));
  const submit = async () => {
    const v = await form.validateFields();
    const { reviewDate, reviewExperts, reviewVerdict, reviewComments, totalInvestmentWan, ...rest } = v;
    try {
      await save.mutateAsync({
        ...rest,
        totalInvestmentYuan: Math.round((totalInvestmentWan ?? 0) * 10000),
        version: p.version,
        review: {
          experts: reviewExperts ?? null,
          date: reviewDate ? reviewDate.format('YYYY-MM-DD') : null,
          verdict: reviewVerdict ?? null,
          comments: reviewComments ?? null,
        },
      });
      onClose();
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  const text = (name: string, label: string, rows = 3) => (
    <Form.Item name={name} label={label}>
      <Input.TextArea rows={rows} maxLength={5000} />
    </Form.Item>
  );
  return (
    <Modal
      open
      width={760}
      title={t('修改储备项目', 'Edit reserve project')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={save.isPending}
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: p.name,
          industry: p.industry,
          location: p.location,
          totalInvestmentWan: p.totalInvestmentYuan / 10000,
          description: p.description,
          marketOutlook: p.marketOutlook,
          advantages: p.advantages,
          nameEn: p.nameEn,
          descriptionEn: p.descriptionEn,
          marketOutlookEn: p.marketOutlookEn,
          advantagesEn: p.advantagesEn,
          reviewExperts: p.review.experts,
          reviewDate: p.review.date ? dayjs(p.review.date) : null,
          reviewVerdict: p.review.verdict,
          reviewComments: p.review.comments,
        }}
      >
        <Tabs
          items={[
            {
              key: 'zh',
              label: t('中文', 'Chinese'),
              forceRender: true,
              children: (
                <>
                  <Form.Item name="name" label={t('项目名称', 'Name')} rules={[{ required: true }]}>
                    <Input maxLength={200} />
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
                  {text('description', t('项目概况', 'Description'))}
                  {text('marketOutlook', t('市场前景', 'Market outlook'))}
                  {text('advantages', t('政策与资源优势', 'Policy and resource advantages'))}
                </>
              ),
            },
            {
              key: 'en',
              label: t('英文（推介单页）', 'English (brochure)'),
              forceRender: true,
              children: (
                <>
                  <Form.Item name="nameEn" label="Project name">
                    <Input maxLength={200} />
                  </Form.Item>
                  {text('descriptionEn', 'Description')}
                  {text('marketOutlookEn', 'Market outlook')}
                  {text('advantagesEn', 'Policy and resource advantages')}
                </>
              ),
            },
            {
              key: 'review',
              label: t('专家论证', 'Expert review'),
              forceRender: true,
              children: (
                <>
                  <Form.Item name="reviewExperts" label={t('论证专家', 'Reviewers')}>
                    <Input maxLength={500} />
                  </Form.Item>
                  <Space wrap>
                    <Form.Item name="reviewDate" label={t('论证日期', 'Date')}>
                      <DatePicker />
                    </Form.Item>
                    <Form.Item name="reviewVerdict" label={t('论证结论', 'Verdict')}>
                      <Select
                        allowClear
                        style={{ width: 180 }}
                        options={Object.entries(VERDICTS).map(([value, l]) => ({ value, label: t(l[0], l[1]) }))}
                      />
                    </Form.Item>
                  </Space>
                  {text('reviewComments', t('论证意见', 'Comments'))}
                </>
              ),
            },
          ]}
        />
        {error && (
          <div role="alert" style={{ color: '#cf1322' }}>
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
}

const DEFAULT_INPUTS: CashFlowInputsDto = {
  capitalOutlayYuan: [0],
  revenueYuan: [],
  operatingCostYuan: [],
  taxYuan: [],
  horizonYears: 10,
  discountRate: 0.08,
};

function InvestorView({ p, canWrite }: { p: ReserveDetail; canWrite: boolean }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const init = p.cashflow ?? DEFAULT_INPUTS;
  const [texts, setTexts] = useState({
    capex: listText(init.capitalOutlayYuan),
    revenue: listText(init.revenueYuan),
    cost: listText(init.operatingCostYuan),
    tax: listText(init.taxYuan),
  });
  const [horizon, setHorizon] = useState(init.horizonYears);
  const [ratePct, setRatePct] = useState(Math.round(init.discountRate * 10000) / 100);
  const save = useReserveWrite((cashflow: CashFlowInputsDto) => updateReserveProject(p.id, { cashflow, version: p.version }));
  const parsed = {
    capex: parseList(texts.capex),
    revenue: parseList(texts.revenue),
    cost: parseList(texts.cost),
    tax: parseList(texts.tax),
  };
  const valid =
    !!parsed.capex &&
    parsed.capex.length > 0 &&
    !!parsed.revenue &&
    !!parsed.cost &&
    !!parsed.tax &&
    horizon >= 1 &&
    horizon <= 50 &&
    Number.isFinite(ratePct);
  const inputs: CashFlowInputsDto | null = valid
    ? {
        capitalOutlayYuan: parsed.capex!,
        revenueYuan: parsed.revenue!,
        operatingCostYuan: parsed.cost!,
        taxYuan: parsed.tax!,
        horizonYears: horizon,
        discountRate: ratePct / 100,
      }
    : null;
  const figures = useMemo(() => {
    if (!inputs) return null;
    const flows = cashFlows(inputs);
    return { flows, ...financeFigures(flows, inputs.discountRate), sensitivity: sensitivity(inputs) };
  }, [JSON.stringify(inputs)]); // eslint-disable-line react-hooks/exhaustive-deps
  const field = (key: keyof typeof texts, label: string, help: string) => (
    <Form.Item
      label={label}
      help={parsed[key] === null ? t('请填写数字（万元），用逗号分隔', 'Numbers (10k CNY), comma separated') : help}
      validateStatus={parsed[key] === null ? 'error' : undefined}
    >
      <Input value={texts[key]} disabled={!canWrite} onChange={(e) => setTexts({ ...texts, [key]: e.target.value })} aria-label={label} />
    </Form.Item>
  );
  const yrs = (x: number | null) => (x === null ? t('期内不能收回', 'Not within horizon') : t(`${x.toFixed(2)}年`, `${x.toFixed(2)} yrs`));
  const sensCols = [-0.2, -0.1, 0, 0.1, 0.2];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card title={t('测算输入（万元）', 'Estimates (10k CNY)')} size="small">
          <Form layout="vertical">
            {field(
              'capex',
              t('建设投资（按年，第0年起）', 'Capital outlay by year, from year 0'),
              t('如分两年投入：6000, 4000', 'e.g. 6000, 4000 over two years'),
            )}
            {field(
              'revenue',
              t('年营业收入（第1年起，最后一个值延续）', 'Revenue from year 1 (last value carries on)'),
              t('如：2000, 3500, 5000', 'e.g. 2000, 3500, 5000'),
            )}
            {field('cost', t('年经营成本', 'Operating cost'), t('最后一个值延续到测算期末', 'The last value carries on'))}
            {field('tax', t('年税金', 'Tax'), t('最后一个值延续到测算期末', 'The last value carries on'))}
            <Space wrap>
              <Form.Item label={t('测算期（年）', 'Horizon (years)')}>
                <InputNumber
                  min={1}
                  max={50}
                  value={horizon}
                  disabled={!canWrite}
                  onChange={(v) => setHorizon(v ?? 1)}
                  aria-label={t('测算期（年）', 'Horizon (years)')}
                />
              </Form.Item>
              <Form.Item label={t('折现率（%）', 'Discount rate (%)')}>
                <InputNumber
                  min={-50}
                  max={100}
                  step={0.5}
                  value={ratePct}
                  disabled={!canWrite}
                  onChange={(v) => setRatePct(v ?? 0)}
                  aria-label={t('折现率（%）', 'Discount rate (%)')}
                />
              </Form.Item>
            </Space>
            {canWrite && (
              <Button
                type="primary"
                disabled={!inputs}
                loading={save.isPending}
                onClick={async () => {
                  try {
                    await save.mutateAsync(inputs!);
                    message.success(t('测算已保存', 'Estimates saved'));
                  } catch (e) {
                    message.error((e as Error).message);
                  }
                }}
              >
                {t('保存测算', 'Save estimates')}
              </Button>
            )}
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        {!figures ? (
          <Alert type="info" showIcon message={t('请填写建设投资等测算数据', 'Enter the estimates')} />
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Card size="small">
              <Space size="large" wrap>
                <Statistic title={t('净现值', 'NPV')} value={wanText(figures.npv)} suffix={t('万元', '10k CNY')} data-testid="npv" />
                <Statistic title={t('内部收益率', 'IRR')} value={pct(figures.irr)} data-testid="irr" />
                <Statistic title={t('静态回收期', 'Payback')} value={yrs(figures.paybackYears)} />
                <Statistic title={t('动态回收期', 'Discounted payback')} value={yrs(figures.discountedPaybackYears)} />
                <Statistic title={t('投资回报率', 'ROI')} value={pct(figures.roi)} />
              </Space>
            </Card>
            <Card size="small" title={t('现金流', 'Cash flow')}>
              <CashFlowChart flows={figures.flows} />
            </Card>
            <Card size="small" title={t('敏感性分析（净现值万元 / 内部收益率）', 'Sensitivity (NPV 10k CNY / IRR)')}>
              <Table
                size="small"
                pagination={false}
                rowKey="v"
                scroll={{ x: 520 }}
                dataSource={(['revenue', 'investment'] as const).map((v) => ({
                  v,
                  rows: figures.sensitivity.filter((s) => s.variable === v),
                }))}
                columns={[
                  {
                    title: '',
                    dataIndex: 'v',
                    render: (v: string) => (v === 'revenue' ? t('收入变动', 'Revenue') : t('投资变动', 'Investment')),
                  },
                  ...sensCols.map((c) => ({
                    title: `${c > 0 ? '+' : ''}${Math.round(c * 100)}%`,
                    align: 'right' as const,
                    render: (_: unknown, r: { rows: typeof figures.sensitivity }) => {
                      const s = r.rows.find((x) => Math.abs(x.change - c) < 1e-9)!;
                      return (
                        <>
                          {wanText(s.npv)}
                          <br />
                          <Typography.Text type="secondary">{pct(s.irr)}</Typography.Text>
                        </>
                      );
                    },
                  })),
                ]}
              />
            </Card>
          </Space>
        )}
      </Col>
    </Row>
  );
}

export function ReserveDetailPage() {
  const t = useT();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const one = useReserveProject(id);
  const canWrite = useCan('reserve.write');
  const canConvert = useCan('project.write');
  const [editing, setEditing] = useState(false);
  const status = useReserveWrite((s: 'reserve' | 'promoted' | 'withdrawn') =>
    updateReserveProject(id, { status: s, version: one.data!.version }),
  );
  const convert = useReserveWrite(() => convertReserveProject(id, { version: one.data!.version, stage: 'negotiating' }));
  if (one.error) return <LoadError error={one.error} retry={() => one.refetch()} />;
  if (!one.data) return <Skeleton active />;
  const p = one.data;
  const open = p.status !== 'converted';
  return (
    <Page
      title={p.name}
      subTitle={
        <Space wrap>
          <Link to="/reserve">{t('← 项目储备', '← Reserve')}</Link>
          <StatusTag s={p.status} />
          {p.projectId && (
            <Link to={`/projects/${p.projectId}`}>
              {t(`已转为在谈项目 ${p.projectCode ?? ''}`, `Became project ${p.projectCode ?? ''}`)}
            </Link>
          )}
        </Space>
      }
      extra={
        <>
          <Dropdown
            menu={{
              items: [
                { key: 'zh', label: t('中文单页', 'Chinese') },
                { key: 'en', label: t('英文单页', 'English') },
              ],
              onClick: ({ key }) => download(`/reserve-projects/${p.id}/brochure`, { lang: key }),
            }}
          >
            <Button icon={<DownloadOutlined />}>{t('下载推介单页', 'Download brochure')}</Button>
          </Dropdown>
          {canWrite && open && (
            <Select
              aria-label={t('状态', 'Status')}
              value={p.status}
              style={{ width: 110 }}
              loading={status.isPending}
              onChange={async (s) => {
                try {
                  await status.mutateAsync(s as 'reserve');
                } catch (e) {
                  message.error((e as Error).message);
                }
              }}
              options={(['reserve', 'promoted', 'withdrawn'] as const).map((s) => ({ value: s, label: t(...STATUS[s].label) }))}
            />
          )}
          {canWrite && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('修改', 'Edit')}
            </Button>
          )}
          {canWrite && canConvert && open && p.status !== 'withdrawn' && (
            <Popconfirm
              title={t('客商有意向：转为在谈项目？', 'An investor is interested: make it a pipeline project?')}
              okText={t('转化', 'Convert')}
              cancelText={t('取消', 'Cancel')}
              onConfirm={async () => {
                try {
                  const r = await convert.mutateAsync(undefined);
                  message.success(t('已转为在谈项目', 'Converted'));
                  if (r.projectId) navigate(`/projects/${r.projectId}`);
                } catch (e) {
                  message.error((e as Error).message);
                }
              }}
            >
              <Button icon={<SwapOutlined />}>{t('转为在谈项目', 'Convert to project')}</Button>
            </Popconfirm>
          )}
        </>
      }
    >
      <Tabs
        items={[
          {
            key: 'investor',
            label: t('投资测算', "Investor's view"),
            children: <InvestorView key={p.version} p={p} canWrite={canWrite && open} />,
          },
          {
            key: 'info',
            label: t('项目包装', 'Packaging'),
            children: (
              <Card>
                <Descriptions
                  column={{ xs: 1, sm: 2 }}
                  size="small"
                  items={[
                    { key: 'u', label: t('所在单位', 'Unit'), children: p.unitName },
                    { key: 'i', label: t('行业', 'Industry'), children: p.industry ?? '—' },
                    { key: 'l', label: t('建设地点', 'Location'), children: p.location ?? '—' },
                    { key: 'tot', label: t('总投资', 'Investment'), children: `${wanText(p.totalInvestmentYuan)}${t('万元', ' 10k CNY')}` },
                    { key: 'd', label: t('项目概况', 'Description'), span: 2, children: p.description ?? '—' },
                    { key: 'm', label: t('市场前景', 'Market outlook'), span: 2, children: p.marketOutlook ?? '—' },
                    { key: 'a', label: t('政策与资源优势', 'Advantages'), span: 2, children: p.advantages ?? '—' },
                    {
                      key: 'en',
                      label: t('英文名称', 'English name'),
                      span: 2,
                      children: p.nameEn ?? t('（未填写，英文单页将使用中文）', '(missing: the English brochure falls back to Chinese)'),
                    },
                    {
                      key: 'r',
                      label: t('专家论证', 'Expert review'),
                      span: 2,
                      children:
                        p.review.verdict || p.review.experts
                          ? [p.review.date, p.review.verdict ? t(...VERDICTS[p.review.verdict]) : null, p.review.experts, p.review.comments]
                              .filter(Boolean)
                              .join('；')
                          : t('尚未论证', 'Not reviewed'),
                    },
                    {
                      key: 'ro',
                      label: t('年度结转', 'Roll-overs'),
                      span: 2,
                      children: p.rollovers.length
                        ? p.rollovers
                            .map(
                              (r) =>
                                `${r.year}：${r.decision === 'carry' ? t('结转', 'carried') : t('退出', 'retired')}${r.note ? `（${r.note}）` : ''}`,
                            )
                            .join('；')
                        : '—',
                    },
                  ]}
                />
              </Card>
            ),
          },
        ]}
      />
      {editing && <EditModal p={p} onClose={() => setEditing(false)} />}
    </Page>
  );
}
