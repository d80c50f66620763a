// The drawer behind a KPI card: the projects that make up the figure, largest first, with a total
// that equals the figure on the card. A row opens the project.
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Drawer, Empty, Skeleton, Table, Typography } from 'antd';
import type { DrilldownFigure } from '../../../../src/contracts/stats.drilldown';
import { LoadError } from '../../components/Page';
import { useT } from '../../shared/i18n';
import { ORIGIN_SCOPE_NAMES, labelT, useMoney } from '../../shared/labels';
import { useDrilldown, type DrilldownParams } from './api/get-drilldown';

const FIGURE_NAMES: Record<DrilldownFigure, [string, string]> = {
  fundsYtd: ['累计到位资金', 'Funds YTD'],
  headlineYtd: ['招商引资额（按口径）', 'Headline funds'],
  localYtd: ['本地投资方到位资金', 'Local investors’ funds'],
  fundsYtdLastYear: ['上年同期到位资金', 'Last year, same period'],
  foreignUsdYtd: ['利用外资', 'Foreign capital'],
  outsideRegionYtd: ['域外资金', 'From outside the city'],
  outOfProvinceYtd: ['省外资金（含境外）', 'From outside the province'],
  abroadYtd: ['境外资金', 'From abroad'],
  largeProjects: ['重大项目到位资金', 'Large projects'],
  contractsYtd: ['新签约项目（总投资）', 'Contracts signed'],
};

/** `open(figure)` shows the drawer for that figure of the given scope; render `drawer` once. */
export function useDrilldownDrawer(scope: { period: string | undefined; unit: string | undefined }): {
  open: (f: DrilldownFigure) => void;
  drawer: ReactNode;
} {
  const [figure, setFigure] = useState<DrilldownFigure | null>(null);
  const drawer = <DrilldownDrawer params={figure ? { figure, ...scope } : null} onClose={() => setFigure(null)} />;
  return { open: setFigure, drawer };
}

function DrilldownDrawer({ params, onClose }: { params: DrilldownParams | null; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { formatWan, formatWanUsd, formatYi } = useMoney();
  const q = useDrilldown(params);
  const d = q.data;
  const money = (v: number) => (d?.measure === 'usd' ? formatWanUsd(v) : formatWan(v));
  const title = params ? t(...FIGURE_NAMES[params.figure]) : '';
  return (
    <Drawer open={!!params} onClose={onClose} width={760} title={t(`${title} · 明细`, `${title} · details`)} destroyOnHidden>
      {q.error && <LoadError error={q.error} retry={() => q.refetch()} />}
      {!d ? (
        q.isLoading ? (
          <Skeleton active />
        ) : null
      ) : d.items.length === 0 ? (
        <Empty description={t('这个数字背后还没有项目', 'No projects behind this figure')} />
      ) : (
        <>
          <Typography.Paragraph>
            {t(
              `合计 ${d.measure === 'usd' ? formatWanUsd(d.total) : formatYi(d.total)}，${d.projects} 个项目`,
              `Total ${d.measure === 'usd' ? formatWanUsd(d.total) : formatYi(d.total)}, ${d.projects} projects`,
            )}
            {d.basis === 'reported' && t('（含已报送未核实）', ' (incl. reported, not yet verified)')}
          </Typography.Paragraph>
          {d.truncated && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 8 }}
              message={t(
                `只列出金额最大的 ${d.items.length} 个项目，合计按全部项目计算`,
                `Largest ${d.items.length} projects listed; the total covers all`,
              )}
            />
          )}
          <Table
            size="small"
            rowKey={(r) => `${r.projectId}-${r.unitCode}`}
            dataSource={d.items}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            onRow={(r) => ({ onClick: () => navigate(`/projects/${r.projectId}`), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('项目编号', 'Code'), dataIndex: 'projectCode', width: 100 },
              { title: t('项目名称', 'Project'), dataIndex: 'projectName', ellipsis: true },
              { title: t('单位', 'Unit'), dataIndex: 'unitName', width: 110, ellipsis: true },
              {
                title: t('投资方来源', 'Origin'),
                dataIndex: 'originScope',
                width: 90,
                render: (v: string | null) =>
                  v && ORIGIN_SCOPE_NAMES[v as keyof typeof ORIGIN_SCOPE_NAMES] ? labelT(t, ORIGIN_SCOPE_NAMES, v) : '—',
              },
              {
                title: d.figure === 'contractsYtd' ? t('总投资', 'Investment') : t('金额', 'Amount'),
                dataIndex: 'amount',
                width: 130,
                align: 'right' as const,
                render: (v: number) => money(v),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
