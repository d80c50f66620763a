// 以信留商: an investor confirms or disputes a commitment the city marked fulfilled, through a one-time link.
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Input, Layout, Result, Skeleton, Space } from 'antd';
import { useT } from '../../shared/i18n';
import { primeCsrf, useCommitmentLink } from './api/get-public';
import { useAnswerCommitment } from './api/send-public';

export function ConfirmPage() {
  const t = useT();
  const token = useParams().token ?? '';
  const link = useCommitmentLink(token);
  const answer = useAnswerCommitment(token);
  const [comment, setComment] = useState('');
  useEffect(() => {
    void primeCsrf();
  }, []);
  const body = () => {
    if (answer.data)
      return (
        <Result
          status="success"
          title={
            answer.data.result === 'confirmed'
              ? t('感谢确认', 'Thank you for confirming')
              : t('已记录您的异议，将移交督查部门核实', 'Your objection was recorded and goes to supervision')
          }
        />
      );
    if (link.isLoading) return <Skeleton active />;
    if (link.error) return <Result status="warning" title={(link.error as Error).message} />;
    const c = link.data!;
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Descriptions
          column={1}
          bordered
          size="small"
          items={[
            { key: 'p', label: t('项目', 'Project'), children: c.projectName },
            { key: 't', label: t('政府承诺事项', 'Commitment'), children: c.title },
            { key: 'f', label: t('标记兑现日期', 'Marked fulfilled on'), children: c.fulfilledOn ?? '—' },
            { key: 'e', label: t('兑现说明', 'Evidence'), children: c.evidence ?? '—' },
          ]}
        />
        <Input.TextArea
          rows={3}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('说明（有异议时请写明实际情况）', 'Comment (say what happened if you disagree)')}
          aria-label={t('说明', 'Comment')}
        />
        {answer.error && <Alert type="error" showIcon message={(answer.error as Error).message} />}
        <Space wrap>
          <Button
            type="primary"
            loading={answer.isPending}
            onClick={() => answer.mutate({ answer: 'confirm', comment: comment || undefined })}
          >
            {t('确认已兑现', 'Confirm fulfilled')}
          </Button>
          <Button danger loading={answer.isPending} onClick={() => answer.mutate({ answer: 'dispute', comment: comment || undefined })}>
            {t('有异议', 'Dispute')}
          </Button>
        </Space>
        <Alert
          type="info"
          message={t(`此链接仅可使用一次，${c.expiresAt.slice(0, 10)}前有效。`, `This link works once, until ${c.expiresAt.slice(0, 10)}.`)}
        />
      </Space>
    );
  };
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Layout.Content style={{ maxWidth: 720, width: '100%', margin: '0 auto', padding: 16 }}>
        <Card
          title={
            link.data
              ? t(`${link.data.cityName} · 承诺兑现确认`, `${link.data.cityName} · Commitment check`)
              : t('承诺兑现确认', 'Commitment check')
          }
        >
          {body()}
        </Card>
      </Layout.Content>
    </Layout>
  );
}
