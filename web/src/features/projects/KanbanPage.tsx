// 项目看板: one column per stage; dragging a card to another column opens the move dialog,
// which asks for the date or reason that move needs.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Badge, Card, Empty, Input, Select, Space, Spin, Typography } from 'antd';
import type { KanbanCard } from '../../../../src/contracts/projects';
import type { Stage } from '../../../../src/domain/stages';
import { STAGE_NAMES, useMoney } from '../../shared/labels';
import { LoadError, Page } from '../../components/Page';
import { useT } from '../../shared/i18n';
import { useCan, useMe } from '../../shared/session';
import { useKanban } from './api/get-kanban';
import { useUnits } from '../../shared/api/units';
import { STAGE_COLORS, daysSince } from './common';
import { MoveModal, type MoveTarget } from './MoveModal';

export function KanbanPage() {
  const t = useT();
  const { formatWan } = useMoney();
  const me = useMe();
  const canWrite = useCan('project.write');
  const [params, setParams] = useSearchParams();
  const q = { q: params.get('q') ?? undefined, unitCode: params.get('unitCode') ?? undefined };
  const board = useKanban(q);
  const units = useUnits();
  const [target, setTarget] = useState<MoveTarget | null>(null);
  const [over, setOver] = useState<Stage | null>(null);
  const set = (k: string, v: string | undefined) => {
    const n = new URLSearchParams(params);
    if (v) n.set(k, v);
    else n.delete(k);
    setParams(n, { replace: true });
  };

  const onDrop = (stage: Stage, e: React.DragEvent) => {
    e.preventDefault();
    setOver(null);
    const raw = e.dataTransfer.getData('application/x-project');
    if (!raw) return;
    const card = JSON.parse(raw) as KanbanCard;
    if (card.stage === stage) return;
    setTarget({ id: card.id, name: card.name, stage: card.stage, version: card.version, to: stage });
  };

  return (
    <Page
      title={t('项目看板', 'Pipeline board')}
      subTitle={canWrite ? t('拖动卡片到其他阶段即可变更阶段', 'Drag a card to another column to move its stage') : undefined}
      extra={
        <>
          <Input.Search
            allowClear
            placeholder={t('搜索项目', 'Search projects')}
            defaultValue={q.q}
            onSearch={(v) => set('q', v)}
            style={{ width: 220 }}
          />
          {me.cityWide && (
            <Select
              allowClear
              placeholder={t('承办单位', 'Lead unit')}
              style={{ width: 160 }}
              value={q.unitCode}
              onChange={(v) => set('unitCode', v)}
              options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
            />
          )}
        </>
      }
    >
      {board.error ? (
        <LoadError error={board.error} retry={() => void board.refetch()} />
      ) : !board.data ? (
        <Spin />
      ) : (
        <div style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8, alignItems: 'flex-start' }}>
          {board.data.columns.map((col) => (
            <div
              key={col.stage}
              data-testid={`kanban-${col.stage}`}
              onDragOver={(e) => {
                if (canWrite) {
                  e.preventDefault();
                  setOver(col.stage);
                }
              }}
              onDragLeave={() => setOver((s) => (s === col.stage ? null : s))}
              onDrop={(e) => onDrop(col.stage, e)}
              style={{
                flex: '1 0 160px',
                maxWidth: 280,
                background: over === col.stage ? '#e6f4ff' : '#e9ecf1',
                borderRadius: 8,
                padding: 8,
                minHeight: 300,
              }}
            >
              <Space style={{ marginBottom: 8 }}>
                <Badge color={STAGE_COLORS[col.stage] === 'default' ? 'gray' : STAGE_COLORS[col.stage]} />
                <Typography.Text strong>{t(...STAGE_NAMES[col.stage])}</Typography.Text>
                <Typography.Text type="secondary">{col.count}</Typography.Text>
              </Space>
              {col.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无项目', 'No projects')} />}
              {/* Each column scrolls on its own so the board fits the screen with hundreds of cards. */}
              <div style={{ maxHeight: 'calc(100vh - 230px)', overflowY: 'auto', paddingRight: 2 }}>
                {col.items.map((c) => {
                  const d = daysSince(c.lastFollowUpOn);
                  return (
                    <Card
                      key={c.id}
                      size="small"
                      style={{ marginBottom: 8, cursor: canWrite ? 'grab' : 'default' }}
                      draggable={canWrite}
                      data-testid={`card-${c.code}`}
                      onDragStart={(e) => {
                        e.dataTransfer.setData('application/x-project', JSON.stringify(c));
                        e.dataTransfer.effectAllowed = 'move';
                      }}
                      tabIndex={0}
                      onKeyDown={(e) => {
                        if (canWrite && e.key === 'Enter') setTarget({ id: c.id, name: c.name, stage: c.stage, version: c.version });
                      }}
                    >
                      <Link to={`/projects/${c.id}`} style={{ fontWeight: 500 }}>
                        {c.name}
                      </Link>
                      <div style={{ fontSize: 12, color: '#888' }}>
                        {c.code} · {c.owner ?? t('未定责任人', 'No owner')}
                      </div>
                      <div style={{ fontSize: 12 }}>
                        {formatWan(c.totalInvestmentYuan)}
                        {c.investorName ? ` · ${c.investorName}` : ''}
                      </div>
                      <div style={{ fontSize: 12, color: d !== null && d > 60 ? '#cf1322' : '#888' }}>
                        {c.lastFollowUpOn
                          ? t(`最近跟进 ${c.lastFollowUpOn}`, `Last follow-up ${c.lastFollowUpOn}`)
                          : t('尚未跟进', 'No follow-up yet')}
                      </div>
                    </Card>
                  );
                })}
              </div>
              {col.count > col.items.length && (
                <Typography.Text type="secondary">
                  {t(
                    `另有 ${col.count - col.items.length} 个，请在台账中筛选查看`,
                    `${col.count - col.items.length} more; filter the project list to see them`,
                  )}
                </Typography.Text>
              )}
            </div>
          ))}
        </div>
      )}
      <MoveModal target={target} onClose={() => setTarget(null)} />
    </Page>
  );
}
