// Demo enrichment of the reserve: market outlook, advantages, English texts, expert reviews and
// cash-flow estimates sized to each project's investment, so the investor's view and the brochures
// have something real to show; converted ones are linked to a pipeline project of their unit.
import type { Tx } from '../../db/database';
import { addDays } from '../../domain/period';
import { Rng } from '../demo/demo.generate';

const EXPERTS = ['吉林大学 王教授', '省发改委 李高工', '市工信局 张处长', '东北电力大学 赵教授', '某会计师事务所 刘注册会计师'];
const MARKETS = [
  '下游需求稳定增长，东北地区同类产能不足，产品可辐射东北亚市场。',
  '国家政策支持方向，行业年均增速10%以上，区域内配套企业集聚。',
  '本地原料充足，运输半径短，成本优势明显，市场空间广阔。',
];
const ADVANTAGES = [
  '享受东北振兴及开发区招商引资优惠政策，土地、电价、人才补贴落实到位。',
  '园区水电气热配套齐全，"标准地"出让，审批实行全程代办。',
  '临近高速和铁路货运站，物流便捷；本地高校可提供技术和人才支撑。',
];

export async function enrichReserveDemo(tx: Tx, seed: number, today: string): Promise<void> {
  const rng = new Rng(seed + 17);
  const rows = await tx
    .selectFrom('reserve_projects')
    .select(['id', 'name', 'unit_code', 'industry', 'status', 'total_investment_yuan'])
    .where('is_demo', '=', 1)
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const total = Number(r.total_investment_yuan);
    const twoYears = total > 300_000_000 && rng.chance(0.6);
    const capex = twoYears ? [Math.round(total * 0.6), total - Math.round(total * 0.6)] : [total];
    const steady = Math.round(total * rng.range(0.35, 0.7));
    const revenue = [Math.round(steady * 0.5), Math.round(steady * 0.8), steady];
    const cost = revenue.map((v) => Math.round(v * rng.range(0.55, 0.7)));
    const tax = revenue.map((v) => Math.round(v * 0.06));
    const reviewed = rng.chance(0.7);
    const reviewDate = addDays(today, -rng.int(30, 400));
    await tx
      .updateTable('reserve_projects')
      .set({
        location: `${r.unit_code}产业园区`,
        market_outlook: rng.pick(MARKETS),
        advantages: rng.pick(ADVANTAGES),
        name_en: `${r.industry ?? 'Industrial'} project (reserve no. ${r.id})`,
        description_en: `A ${(total / 1e8).toFixed(1)}-hundred-million-yuan ${r.industry ?? 'industrial'} project packaged by the city for investors.`,
        market_outlook_en: 'Stable demand growth downstream; limited capacity in Northeast China; access to Northeast Asian markets.',
        advantages_en: 'Preferential policies on land, power and talent; fully serviced industrial park; one-stop approval service.',
        review_experts: reviewed ? [rng.pick(EXPERTS), rng.pick(EXPERTS)].join('、') : null,
        review_date: reviewed ? reviewDate : null,
        review_verdict: reviewed
          ? rng.weighted(
              [
                ['pass', 70],
                ['revise', 25],
                ['fail', 5],
              ] as const,
              (x) => x[1],
            )[0]
          : null,
        review_comments: reviewed ? '项目技术路线成熟，市场测算依据充分，建议细化用地和能耗指标。' : null,
        cashflow_json: JSON.stringify({
          capitalOutlayYuan: capex,
          revenueYuan: revenue,
          operatingCostYuan: cost,
          taxYuan: tax,
          horizonYears: 10,
          discountRate: 0.08,
        }),
        promoted_on: r.status === 'promoted' ? addDays(today, -rng.int(10, 300)) : null,
      })
      .where('id', '=', r.id)
      .execute();
    if (r.status === 'converted') {
      const p = await tx
        .selectFrom('projects')
        .select('id')
        .where('is_demo', '=', 1)
        .where('unit_code', '=', r.unit_code)
        .where('stage', 'in', ['lead', 'negotiating', 'intent'])
        .orderBy('id')
        .offset(rng.int(0, 3))
        .limit(1)
        .executeTakeFirst();
      if (p)
        await tx
          .updateTable('reserve_projects')
          .set({ project_id: Number(p.id), converted_on: addDays(today, -rng.int(10, 200)) })
          .where('id', '=', r.id)
          .execute();
    }
  }
}
