// 台账导入导出: upload a ledger workbook → preview per sheet (新增/更新/不变) and every error →
// 确认导入 (all or nothing) with progress → result. Downloads: the ledger of one's scope, the template.
import { useState } from 'react';
import { Alert, Button, Card, Progress, Result, Space, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { type ImportResult, type LedgerError, type LedgerSheetSummary, type PreviewResult } from '../../../../src/contracts/ledger';
import { Page } from '../../components/Page';
import { useT } from '../../shared/i18n';
import { LEDGER_PHASE_NAMES, labelT } from '../../shared/labels';
import { useCan, useMe } from '../../shared/session';
import { download } from '../../lib/api';
import { commitLedger, previewLedger, type Phase } from './api';

type Stage = 'pick' | 'uploading' | 'preview' | 'committing' | 'done';

function PhaseProgress({ upload, phase }: { upload: number | null; phase: Phase | null }) {
  const t = useT();
  if (phase) {
    const pct = phase.total ? Math.round((phase.done / Math.max(1, phase.total)) * 100) : undefined;
    return (
      <div data-testid="ledger-progress">
        <Typography.Text>
          {t('服务器处理中：', 'Server: ')}
          {labelT(t, LEDGER_PHASE_NAMES, phase.phase)}
          {phase.total ? `（${phase.done}/${phase.total}）` : phase.done ? t(`（${phase.done} 行）`, ` (${phase.done} rows)`) : ''}
        </Typography.Text>
        <Progress percent={pct ?? 100} status="active" showInfo={pct !== undefined} />
      </div>
    );
  }
  return (
    <div data-testid="ledger-progress">
      <Typography.Text>{t('正在上传…', 'Uploading…')}</Typography.Text>
      <Progress percent={Math.round((upload ?? 0) * 100)} status="active" />
    </div>
  );
}

function SummaryTable({ rows }: { rows: LedgerSheetSummary[] }) {
  const t = useT();
  return (
    <Table<LedgerSheetSummary>
      size="small"
      rowKey="sheet"
      pagination={false}
      data-testid="ledger-summary"
      dataSource={rows}
      columns={[
        { title: t('工作表', 'Sheet'), dataIndex: 'sheet' },
        { title: t('行数', 'Rows'), dataIndex: 'rows', align: 'right' },
        {
          title: t('新增', 'Created'),
          dataIndex: 'created',
          align: 'right',
          render: (v: number) => (v ? <Tag color="green">{v}</Tag> : v),
        },
        { title: t('更新', 'Updated'), dataIndex: 'updated', align: 'right', render: (v: number) => (v ? <Tag color="blue">{v}</Tag> : v) },
        { title: t('不变', 'Unchanged'), dataIndex: 'unchanged', align: 'right' },
      ]}
    />
  );
}

function ErrorTable({ errors, total }: { errors: LedgerError[]; total: number }) {
  const t = useT();
  return (
    <div data-testid="ledger-errors">
      <Typography.Title level={5} type="danger">
        {t(`错误清单（共 ${total} 处）`, `Errors (${total})`)}
      </Typography.Title>
      {errors.length < total && (
        <Typography.Text type="secondary">{t(`仅列出前 ${errors.length} 处。`, `First ${errors.length} shown.`)}</Typography.Text>
      )}
      <Table<LedgerError & { i: number }>
        size="small"
        rowKey="i"
        dataSource={errors.map((e, i) => ({ ...e, i }))}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { title: t('工作表', 'Sheet'), dataIndex: 'sheet', width: 100 },
          { title: t('行号', 'Row'), dataIndex: 'row', width: 80, render: (v: number) => (v > 0 ? v : '—') },
          { title: t('列', 'Column'), dataIndex: 'column', width: 150 },
          { title: t('问题', 'Problem'), dataIndex: 'message' },
        ]}
      />
    </div>
  );
}

export function LedgerPage() {
  const t = useT();
  const me = useMe();
  const canImport = useCan('ledger.import');
  const canExport = useCan('ledger.export');
  const qc = useQueryClient();
  const [stage, setStage] = useState<Stage>('pick');
  const [upload, setUpload] = useState<number | null>(null);
  const [phase, setPhase] = useState<Phase | null>(null);
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setStage('pick');
    setUpload(null);
    setPhase(null);
    setPreview(null);
    setResult(null);
    setError(null);
  };

  const onFile = async (file: File) => {
    reset();
    if (!/\.xlsx$/i.test(file.name)) {
      setError(t(`“${file.name}”不是 .xlsx 文件。请在 Excel 中另存为 Excel 工作簿（*.xlsx）后再上传。`, 'Please choose an .xlsx file.'));
      return;
    }
    setStage('uploading');
    try {
      const r = await previewLedger(file, me.csrfToken, setUpload, setPhase);
      setPreview(r);
      setStage('preview');
    } catch (e) {
      setError((e as Error).message);
      setStage('pick');
    } finally {
      setPhase(null);
    }
  };

  const commit = async () => {
    if (!preview?.token) return;
    setStage('committing');
    setError(null);
    try {
      const r = await commitLedger(preview.token, me.csrfToken, setPhase);
      setResult(r);
      setStage('done');
      await qc.invalidateQueries();
    } catch (e) {
      setError((e as Error).message);
      setStage('preview');
    } finally {
      setPhase(null);
    }
  };

  const stepIndex = { pick: 0, uploading: 0, preview: 1, committing: 2, done: 3 }[stage];
  const p = preview;
  const totals = (rows: LedgerSheetSummary[]) =>
    rows.reduce((a, s) => ({ created: a.created + s.created, updated: a.updated + s.updated, unchanged: a.unchanged + s.unchanged }), {
      created: 0,
      updated: 0,
      unchanged: 0,
    });

  return (
    <Page
      title={t('台账导入导出', 'Ledger import & export')}
      subTitle={t('台账 .xlsx：设置、单位、目标、项目、到位资金、招商活动、储备项目', 'Ledger workbook (.xlsx)')}
      extra={
        <>
          <Button icon={<FileExcelOutlined />} onClick={() => download('/ledger/template.xlsx')} data-testid="ledger-template">
            {t('下载空白模板', 'Template')}
          </Button>
          {canExport && (
            <Button
              type="primary"
              ghost
              icon={<DownloadOutlined />}
              onClick={() => download('/ledger/export.xlsx')}
              data-testid="ledger-export"
            >
              {me.cityWide ? t('导出全市台账', 'Export ledger') : t('导出本单位台账', 'Export my unit')}
            </Button>
          )}
        </>
      }
    >
      {!canImport && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t(
            '导入台账由市招商办办理。您可以导出本人数据范围内的台账，或下载空白模板。',
            'Only the city office imports ledgers; you can export your scope or download the template.',
          )}
        />
      )}
      {canImport && (
        <Card>
          <Steps
            size="small"
            current={stepIndex}
            status={p && !p.ok ? 'error' : undefined}
            style={{ marginBottom: 20 }}
            items={[
              { title: t('上传文件', 'Upload') },
              { title: t('预览校验', 'Preview') },
              { title: t('确认导入', 'Import') },
              { title: t('完成', 'Done') },
            ]}
          />
          {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} data-testid="ledger-error" />}

          {(stage === 'pick' || stage === 'uploading') && (
            <Upload.Dragger
              accept=".xlsx"
              multiple={false}
              showUploadList={false}
              disabled={stage === 'uploading'}
              beforeUpload={(f) => {
                void onFile(f);
                return Upload.LIST_IGNORE;
              }}
              data-testid="ledger-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('点击或把台账 .xlsx 文件拖到这里', 'Click or drop the ledger .xlsx here')}</p>
              <p className="ant-upload-hint">
                {t(
                  '先预览：列出将新增、更新、不变的条数和全部错误；确认后才写入。全部正确才会写入，任何错误都不会写入一条数据。',
                  'Preview first; nothing is written until you confirm, and only if there are no errors.',
                )}
              </p>
            </Upload.Dragger>
          )}
          {(stage === 'uploading' || stage === 'committing') && (
            <div style={{ marginTop: 16 }}>
              <PhaseProgress upload={upload} phase={phase} />
            </div>
          )}

          {p && stage !== 'done' && (
            <Space direction="vertical" size="middle" style={{ width: '100%', marginTop: 8 }}>
              {p.ok ? (
                <Alert
                  type="success"
                  showIcon
                  data-testid="ledger-preview-ok"
                  message={t(
                    `“${p.filename}”校验通过：共 ${p.rows} 行，将新增 ${totals(p.sheets).created} 条、更新 ${totals(p.sheets).updated} 条，${totals(p.sheets).unchanged} 条不变。`,
                    'Check passed.',
                  )}
                  description={
                    p.ignoredSheets.length
                      ? t(`已忽略的工作表：${p.ignoredSheets.join('、')}`, `Ignored sheets: ${p.ignoredSheets.join(', ')}`)
                      : undefined
                  }
                />
              ) : (
                <Alert
                  type="error"
                  showIcon
                  data-testid="ledger-preview-bad"
                  message={t(
                    `“${p.filename}”有 ${p.errorCount} 处错误，未写入任何数据。请按下方清单在 Excel 中修改后重新上传。`,
                    `${p.errorCount} errors; nothing written.`,
                  )}
                />
              )}
              <SummaryTable rows={p.investors.rows ? [...p.sheets, p.investors] : p.sheets} />
              {p.errorCount > 0 && <ErrorTable errors={p.errors} total={p.errorCount} />}
              <Space>
                <Button
                  type="primary"
                  icon={<CloudUploadOutlined />}
                  disabled={!p.ok || !p.token || stage === 'committing'}
                  loading={stage === 'committing'}
                  onClick={() => void commit()}
                  data-testid="ledger-commit"
                >
                  {t('确认导入', 'Import')}
                </Button>
                <Button icon={<ReloadOutlined />} onClick={reset} disabled={stage === 'committing'}>
                  {t('重新选择文件', 'Choose another file')}
                </Button>
              </Space>
            </Space>
          )}

          {stage === 'done' && result && (
            <Result
              status="success"
              data-testid="ledger-done"
              title={t('导入完成', 'Imported')}
              subTitle={t(
                `共 ${result.rows} 行，用时 ${(result.durationMs / 1000).toFixed(1)} 秒；已记入审计日志。`,
                `${result.rows} rows in ${(result.durationMs / 1000).toFixed(1)} s.`,
              )}
              extra={
                <Button type="primary" onClick={reset}>
                  {t('继续导入', 'Import another')}
                </Button>
              }
            >
              <Space size="large" style={{ marginBottom: 16 }}>
                <Statistic title={t('新增', 'Created')} value={totals(result.sheets).created} />
                <Statistic title={t('更新', 'Updated')} value={totals(result.sheets).updated} />
                <Statistic title={t('不变', 'Unchanged')} value={totals(result.sheets).unchanged} />
              </Space>
              <SummaryTable rows={result.investors.rows ? [...result.sheets, result.investors] : result.sheets} />
            </Result>
          )}
        </Card>
      )}
    </Page>
  );
}
