// 调度会材料: the briefing previewed as the mayor will read it, the Word download, the editable
// template (download / upload / reset, placeholders documented) and the standard Excel reports.
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Collapse,
  DatePicker,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, FileExcelOutlined, FileWordOutlined, UndoOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { BriefingDto, BriefingTemplateInfo } from '../../../../src/contracts/reports';
import type { Unit } from '../../../../src/contracts/units';
import { apiGet, apiSend, apiUpload, download } from '../../lib/api';
import { useUnits } from '../../shared/api/units';
import { LoadError, Page } from '../../components/Page';
import { useT } from '../../shared/i18n';
import { useCan, useMe } from '../../shared/session';

const EXCEL: { name: string; label: [string, string] }[] = [
  { name: 'funds-by-unit', label: ['到位资金完成情况表', 'Funds in place by unit'] },
  { name: 'contracts', label: ['签约项目明细表', 'Contracts signed (detail)'] },
  { name: 'large-projects', label: ['重点项目进展表', 'Major project progress'] },
  { name: 'foreign', label: ['利用外资情况表', 'Foreign investment'] },
];

function Template() {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const canEdit = useCan('target.write');
  const info = useQuery({ queryKey: ['briefing-template'], queryFn: () => apiGet<BriefingTemplateInfo>('/reports/briefing-template') });
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    const form = new FormData();
    form.append('file', file);
    setBusy(true);
    try {
      await apiUpload('/reports/briefing-template', form);
      message.success(t('模板已上传，之后生成的讲话稿将使用新模板', 'Template uploaded'));
      await qc.invalidateQueries({ queryKey: ['briefing-template'] });
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const reset = async () => {
    try {
      await apiSend('DELETE', '/reports/briefing-template');
      message.success(t('已恢复默认模板', 'Reset'));
      await qc.invalidateQueries({ queryKey: ['briefing-template'] });
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const d = info.data;
  return (
    <Card size="small" title={t('讲话稿模板', 'Briefing template')} style={{ marginTop: 12 }}>
      {info.error && <LoadError error={info.error} />}
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text>
          {t('当前模板：', 'Current: ')}
          {d
            ? d.custom
              ? `${d.filename}（${t('自定义', 'custom')}，${d.updatedAt?.slice(0, 16).replace('T', ' ')}）`
              : t('默认模板', 'default')
            : '…'}
        </Typography.Text>
        <Button icon={<DownloadOutlined />} onClick={() => download('/reports/briefing-template.docx')}>
          {t('下载模板', 'Download template')}
        </Button>
        {canEdit && (
          <Upload
            accept=".docx"
            showUploadList={false}
            beforeUpload={(f) => {
              void upload(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy}>
              {t('上传修改后的模板', 'Upload template')}
            </Button>
          </Upload>
        )}
        {canEdit && d?.custom && (
          <Popconfirm title={t('恢复为系统默认模板？', 'Reset to the default template?')} onConfirm={reset}>
            <Button icon={<UndoOutlined />}>{t('恢复默认', 'Reset')}</Button>
          </Popconfirm>
        )}
      </Space>
      <Collapse
        size="small"
        items={[
          {
            key: 'p',
            label: t(
              '占位符说明（在 Word 中写 {名称}，生成时替换为数字和文字）',
              'Placeholders (write {name} in Word; replaced with figures and text when generated)',
            ),
            children: d && (
              <>
                <Table
                  size="small"
                  rowKey="name"
                  pagination={false}
                  dataSource={d.placeholders}
                  columns={[
                    {
                      title: t('占位符', 'Placeholder'),
                      render: (_, p) => <Typography.Text code copyable>{`{${p.name}}`}</Typography.Text>,
                    },
                    { title: t('含义', 'Meaning'), dataIndex: 'description' },
                    { title: t('示例', 'Example'), dataIndex: 'example' },
                  ]}
                />
                {d.loops.map((l) => (
                  <div key={l.name} style={{ marginTop: 12 }}>
                    <Typography.Text strong>{`{#${l.name}} … {/${l.name}}`}</Typography.Text>{' '}
                    <Typography.Text type="secondary">{l.description}</Typography.Text>
                    <Table
                      size="small"
                      rowKey="name"
                      pagination={false}
                      dataSource={l.fields}
                      columns={[
                        { title: t('占位符', 'Placeholder'), render: (_, p) => <Typography.Text code>{`{${p.name}}`}</Typography.Text> },
                        { title: t('含义', 'Meaning'), dataIndex: 'description' },
                        { title: t('示例', 'Example'), dataIndex: 'example' },
                      ]}
                    />
                  </div>
                ))}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function ReportsPage() {
  const t = useT();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const latest = useQuery({
    queryKey: ['stats', 'latest'],
    queryFn: () => apiGet<{ period: string; hasData: boolean }>('/stats/latest-period'),
  });
  const period = params.get('period') ?? latest.data?.period;
  const unit = me.cityWide ? (params.get('unit') ?? undefined) : undefined;
  const units = useUnits(me.cityWide);
  const briefing = useQuery({
    queryKey: ['briefing', period, unit],
    queryFn: () => apiGet<BriefingDto>('/reports/briefing', { period, unit }),
    enabled: !!period,
  });
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (!next.get('period') && period) next.set('period', period);
    setParams(next, { replace: true });
  };
  const b = briefing.data;
  return (
    <Page
      title={t('调度会材料', 'Dispatch briefing & reports')}
      subTitle={t('讲话稿与标准报表，数字与驾驶舱一致', 'Same figures as the dashboard')}
      extra={
        <>
          {me.cityWide && (
            <Select
              allowClear
              placeholder={t('全市', 'Whole city')}
              style={{ width: 180 }}
              value={unit}
              aria-label={t('单位', 'Unit')}
              options={(units.data ?? []).filter((u) => u.kind !== 'city').map((u) => ({ value: u.code, label: u.name }))}
              onChange={(v) => set('unit', v)}
            />
          )}
          <Space>
            <span>{t('报告期', 'Period')}</span>
            <DatePicker
              picker="month"
              allowClear={false}
              value={period ? dayjs(`${period}-01`) : null}
              format="YYYY-MM"
              aria-label={t('报告期', 'Period')}
              onChange={(d) => d && set('period', d.format('YYYY-MM'))}
            />
          </Space>
        </>
      }
    >
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            title={t('讲话稿预览', 'Briefing preview')}
            extra={
              <Button
                type="primary"
                icon={<FileWordOutlined />}
                disabled={!period}
                onClick={() => download('/reports/briefing.docx', { period, unit })}
              >
                {t('下载 Word 讲话稿', 'Download Word')}
              </Button>
            }
          >
            {briefing.error && <LoadError error={briefing.error} retry={() => briefing.refetch()} />}
            {!b ? (
              <Skeleton active paragraph={{ rows: 12 }} />
            ) : (
              <article
                data-testid="briefing-preview"
                style={{
                  fontFamily: '"FangSong", "仿宋", "STFangsong", serif',
                  fontSize: 17,
                  lineHeight: 1.9,
                  maxWidth: 820,
                  margin: '0 auto',
                }}
              >
                <h2 style={{ textAlign: 'center', fontFamily: '"SimHei", "黑体", sans-serif' }}>{b.title}</h2>
                <p style={{ textAlign: 'center' }}>（{b.data.periodText as string}）</p>
                {b.sections.map((s, i) => (
                  <section key={s.heading}>
                    <h3 style={{ fontFamily: '"SimHei", "黑体", sans-serif', fontSize: 17 }}>{s.heading}</h3>
                    {i === 3 && b.annex.length > 0 ? (
                      <Table
                        size="small"
                        rowKey="index"
                        pagination={false}
                        dataSource={b.annex}
                        style={{ margin: '8px 0 12px' }}
                        columns={[
                          { title: t('序号', 'No.'), dataIndex: 'index', width: 56, align: 'center' },
                          { title: t('类别', 'Kind'), dataIndex: 'kind', width: 90 },
                          { title: t('项目', 'Project'), dataIndex: 'projectName' },
                          { title: t('承办单位', 'Unit'), dataIndex: 'unitName' },
                          { title: t('问题或承诺', 'Blocker or commitment'), dataIndex: 'title' },
                          { title: t('期限', 'Due'), dataIndex: 'dueDate', width: 110 },
                          {
                            title: t('逾期', 'Overdue'),
                            dataIndex: 'overdueText',
                            width: 90,
                            render: (v: string) => <span style={{ color: v ? '#cf1322' : undefined }}>{v}</span>,
                          },
                        ]}
                      />
                    ) : (
                      s.paragraphs.map((p, j) => (
                        <p key={j} style={{ textIndent: '2em', margin: '4px 0' }}>
                          {p}
                        </p>
                      ))
                    )}
                    {i === 1 && (
                      <Table
                        size="small"
                        rowKey="code"
                        pagination={false}
                        dataSource={b.units}
                        style={{ margin: '8px 0 12px' }}
                        rowClassName={() => ''}
                        columns={[
                          { title: t('名次', 'Rank'), dataIndex: 'rank', width: 60, align: 'center' },
                          { title: t('单位', 'Unit'), dataIndex: 'name' },
                          { title: t('全年目标', 'Annual target'), dataIndex: 'targetYi', align: 'right' },
                          { title: t('累计到位资金', 'Funds in place YTD'), dataIndex: 'fundsYi', align: 'right' },
                          {
                            title: t('完成率', 'Completion'),
                            dataIndex: 'completionText',
                            align: 'right',
                            render: (v, r) => <span style={{ color: r.behind ? '#cf1322' : undefined }}>{v}</span>,
                          },
                          { title: t('同比', 'YoY'), dataIndex: 'yoyText', align: 'right' },
                          { title: t('与时间进度比较', 'Vs time progress'), dataIndex: 'gapText' },
                          { title: t('月均需到位', 'Needed per month'), dataIndex: 'monthlyNeededText', align: 'right' },
                        ]}
                      />
                    )}
                  </section>
                ))}
              </article>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('标准报表（Excel）', 'Standard reports (Excel)')}>
            <Space direction="vertical" style={{ width: '100%' }}>
              {EXCEL.map((r) => (
                <Button
                  key={r.name}
                  block
                  icon={<FileExcelOutlined />}
                  disabled={!period}
                  onClick={() => download(`/reports/${r.name}.xlsx`, { period, unit })}
                >
                  {t(...r.label)}
                </Button>
              ))}
            </Space>
            <Alert
              style={{ marginTop: 12 }}
              type="info"
              showIcon
              message={t(
                '报表为横向A4、按页宽缩放，表头在每页重复，可直接打印。',
                'Landscape A4, fitted to width, headers repeat on each page.',
              )}
            />
          </Card>
          <Template />
        </Col>
      </Row>
    </Page>
  );
}
