// 年度结转: each January every active reserve project is carried forward or retired, and the decision is recorded.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App as AntApp, Button, Empty, Input, InputNumber, Radio, Space, Table } from 'antd';
import dayjs from 'dayjs';
import type { RolloverList } from '../../../../src/contracts/reserve';
import { wanText } from '../../../../src/domain/finance';
import { useT } from '../../shared/i18n';
import { useCan } from '../../shared/session';
import { LoadError, Page } from '../../components/Page';
import { useRollover } from './api/get-rollover';
import { saveRollover, useReserveWrite } from './api/save-reserve-project';
import { StatusTag } from './common';

type Item = RolloverList['items'][number];

export function RolloverPage() {
  const t = useT();
  const { message } = AntApp.useApp();
  const canWrite = useCan('reserve.write');
  const [year, setYear] = useState(dayjs().month() === 0 ? dayjs().year() : dayjs().year() + 1);
  const list = useRollover(year);
  const [draft, setDraft] = useState<Record<number, { decision?: 'carry' | 'retire'; note?: string }>>({});
  const save = useReserveWrite(() =>
    saveRollover(
      year,
      Object.entries(draft)
        .filter(([, d]) => d.decision)
        .map(([id, d]) => ({ id: Number(id), decision: d.decision!, note: d.note ?? null })),
    ),
  );
  const pending = Object.values(draft).filter((d) => d.decision).length;
  return (
    <Page
      title={t('储备项目年度结转', 'Annual reserve roll-over')}
      subTitle={<Link to="/reserve">{t('← 项目储备', '← Reserve')}</Link>}
      extra={
        <>
          {t('年度', 'Year')}{' '}
          <InputNumber
            aria-label={t('年度', 'Year')}
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => {
              if (v) {
                setYear(v);
                setDraft({});
              }
            }}
          />
          {canWrite && (
            <Button
              type="primary"
              disabled={!pending}
              loading={save.isPending}
              onClick={async () => {
                try {
                  await save.mutateAsync(undefined);
                  setDraft({});
                  message.success(t(`已记录${pending}项结转决定`, `${pending} decisions recorded`));
                } catch (e) {
                  message.error((e as Error).message);
                }
              }}
            >
              {t(`保存决定（${pending}）`, `Save decisions (${pending})`)}
            </Button>
          )}
        </>
      }
    >
      {list.error ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : (
        <Table<Item>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items}
          pagination={{ pageSize: 50 }}
          scroll={{ x: 800 }}
          locale={{ emptyText: <Empty description={t('没有需要结转的储备项目', 'Nothing to roll over')} /> }}
          columns={[
            { title: t('项目', 'Project'), dataIndex: 'name', render: (v: string, r) => <Link to={`/reserve/${r.id}`}>{v}</Link> },
            { title: t('单位', 'Unit'), dataIndex: 'unitName', width: 120 },
            {
              title: t('总投资（万元）', 'Investment (10k)'),
              dataIndex: 'totalInvestmentYuan',
              width: 120,
              align: 'right',
              render: (v: number) => wanText(v),
            },
            { title: t('状态', 'Status'), dataIndex: 'status', width: 90, render: (s: Item['status']) => <StatusTag s={s} /> },
            {
              title: t(`${year}年决定`, `Decision ${year}`),
              width: 200,
              render: (_: unknown, r) => (
                <Radio.Group
                  disabled={!canWrite}
                  value={draft[r.id]?.decision ?? r.decision ?? undefined}
                  onChange={(e) => setDraft({ ...draft, [r.id]: { ...draft[r.id], decision: e.target.value } })}
                >
                  <Radio value="carry">{t('结转', 'Carry')}</Radio>
                  <Radio value="retire">{t('退出', 'Retire')}</Radio>
                </Radio.Group>
              ),
            },
            {
              title: t('说明', 'Note'),
              render: (_: unknown, r) => (
                <Input
                  size="small"
                  maxLength={500}
                  disabled={!canWrite}
                  placeholder={r.note ?? ''}
                  value={draft[r.id]?.note ?? ''}
                  onChange={(e) => setDraft({ ...draft, [r.id]: { ...draft[r.id], note: e.target.value } })}
                />
              ),
            },
          ]}
        />
      )}
      <Space style={{ marginTop: 8 }} />
    </Page>
  );
}
