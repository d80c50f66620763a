// Pieces shared by the funds pages (inside this feature only).
import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  DatePicker,
  Drawer,
  Empty,
  Input,
  List,
  Modal,
  Popconfirm,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DeleteOutlined, DownloadOutlined, LockOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  ATTACHMENT_TYPES,
  FUND_ENTRY_STATUS_TEXT,
  SUBMISSION_STATUS_TEXT,
  lockedMessage,
  type FundEntry,
  type FundEntryStatus,
  type PeriodLock,
  type SubmissionStatus,
} from '../../../../src/contracts/funds';
import { reportingPeriod } from '../../../../src/domain/period';
import { useLocale, useT } from '../../shared/i18n';
import { FUND_ENTRY_STATUS_NAMES, SUBMISSION_STATUS_NAMES, lockedMessageEn } from '../../shared/labels';
import { useAttachments } from './api/get-attachments';
import { useDeleteAttachment } from './api/delete-attachment';
import { useUpload } from './api/upload-attachment';

/** Early in a month people report the month before; from the 11th on, the current one. */
export function defaultPeriod(now = new Date()): string {
  return reportingPeriod(now);
}

export function PeriodPicker({ value, onChange }: { value: string; onChange: (p: string) => void }) {
  const t = useT();
  return (
    <Space>
      <span>{t('报告期', 'Period')}</span>
      <DatePicker
        picker="month"
        allowClear={false}
        value={dayjs(`${value}-01`)}
        format="YYYY-MM"
        aria-label={t('报告期', 'Period')}
        onChange={(d) => d && onChange(d.format('YYYY-MM'))}
      />
    </Space>
  );
}

const STATUS_COLORS: Record<FundEntryStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'blue',
  verified: 'success',
  returned: 'error',
};
export function EntryStatusTag({ status }: { status: FundEntryStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status]}>
      {FUND_ENTRY_STATUS_NAMES[status] ? t(...FUND_ENTRY_STATUS_NAMES[status]) : FUND_ENTRY_STATUS_TEXT[status]}
    </Tag>
  );
}
const SUB_COLORS: Record<SubmissionStatus, string> = {
  not_started: 'default',
  draft: 'warning',
  submitted: 'processing',
  approved: 'blue',
  returned: 'error',
};
export function SubmissionStatusTag({ status, allVerified }: { status: SubmissionStatus; allVerified?: boolean }) {
  const t = useT();
  if (status === 'approved' && allVerified)
    return (
      <Tag color="success" data-testid="submission-status">
        {t('已全部核实', 'All verified')}
      </Tag>
    );
  return (
    <Tag color={SUB_COLORS[status]} data-testid="submission-status">
      {SUBMISSION_STATUS_NAMES[status] ? t(...SUBMISSION_STATUS_NAMES[status]) : SUBMISSION_STATUS_TEXT[status]}
    </Tag>
  );
}

export function LockBanner({ lock }: { lock: PeriodLock | undefined }) {
  const t = useT();
  const { locale } = useLocale();
  if (!lock?.locked) return null;
  return (
    <Alert
      type="warning"
      showIcon
      icon={<LockOutlined />}
      style={{ marginBottom: 12 }}
      data-testid="lock-banner"
      message={locale === 'en-US' ? lockedMessageEn(lock.period) : lockedMessage(lock.period)}
      description={
        lock.lockedAt
          ? t(
              `锁定时间 ${lock.lockedAt.slice(0, 16).replace('T', ' ')}${lock.lockedBy ? `，${lock.lockedBy}` : ''}${lock.note ? `；${lock.note}` : ''}`,
              `Locked at ${lock.lockedAt.slice(0, 16).replace('T', ' ')}${lock.lockedBy ? `, ${lock.lockedBy}` : ''}${lock.note ? `; ${lock.note}` : ''}`,
            )
          : undefined
      }
    />
  );
}

const ACCEPT = Object.keys(ATTACHMENT_TYPES)
  .map((e) => `.${e}`)
  .join(',');
const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** The evidence of one entry: download links, and upload/delete while the entry can be edited. */
export function AttachmentList({ entry, editable }: { entry: FundEntry; editable: boolean }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const list = useAttachments(entry.id);
  const upload = useUpload();
  const del = useDeleteAttachment();
  return (
    <div>
      {editable && (
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          multiple
          customRequest={({ file, onSuccess, onError }) => {
            upload.mutateAsync({ entryId: entry.id, file: file as File }).then(
              (r) => {
                onSuccess?.(r);
                message.success(t('已上传', 'Uploaded'));
              },
              (e: Error) => {
                onError?.(e);
                message.error(e.message);
              },
            );
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending}>
            {t('上传凭证（银行回单、发票、验资报告）', 'Upload evidence')}
          </Button>
        </Upload>
      )}
      {editable && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 4 }}>
          {t('支持 PDF、JPG、PNG、OFD、Excel、Word，单个不超过10MB', 'PDF, JPG, PNG, OFD, Excel, Word; up to 10 MB each')}
        </Typography.Paragraph>
      )}
      {list.data && list.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无凭证', 'No evidence yet')} />
      ) : (
        <List
          size="small"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          renderItem={(a) => (
            <List.Item
              actions={[
                <a key="d" href={`/api/v1/fund-entries/${entry.id}/attachments/${a.id}`} download={a.filename}>
                  <DownloadOutlined /> {t('下载', 'Download')}
                </a>,
                ...(editable
                  ? [
                      <Popconfirm
                        key="x"
                        title={t('删除此凭证？', 'Delete this file?')}
                        onConfirm={() => del.mutateAsync({ entryId: entry.id, id: a.id }).catch((e: Error) => message.error(e.message))}
                      >
                        <Button type="link" danger size="small" icon={<DeleteOutlined />} aria-label={t('删除', 'Delete')} />
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              <Space>
                <PaperClipOutlined />
                {a.filename}
                <Typography.Text type="secondary">{kb(a.size)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

export function AttachmentsButton({ entry, editable }: { entry: FundEntry; editable: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        icon={<PaperClipOutlined />}
        onClick={() => setOpen(true)}
        tabIndex={-1}
        aria-label={`${t('凭证', 'Evidence')}（${entry.attachmentCount}）`}
        data-testid="attachments-button"
      >
        {entry.attachmentCount}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        width={480}
        destroyOnHidden
        title={`${t('凭证', 'Evidence')} · ${entry.projectName} · ${entry.period}`}
      >
        <AttachmentList entry={entry} editable={editable} />
      </Drawer>
    </>
  );
}

export function ReasonModal({
  open,
  title,
  onClose,
  onOk,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  onOk: (reason: string) => Promise<void>;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      okText={t('确定', 'OK')}
      confirmLoading={busy}
      okButtonProps={{ disabled: reason.trim().length < 2, danger: true }}
      onOk={async () => {
        setBusy(true);
        try {
          await onOk(reason.trim());
          setReason('');
        } finally {
          setBusy(false);
        }
      }}
    >
      <Input.TextArea
        autoFocus
        rows={3}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-label={t('原因', 'Reason')}
        placeholder={t('请写明原因（至少2个字），将通知填报单位并记入日志', 'Reason (at least 2 characters)')}
      />
    </Modal>
  );
}
