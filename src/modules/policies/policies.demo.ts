// Demo policies of the fictional city: a few in force (one past its review date), one to revise,
// one abolished, each linked to some demo projects that used it.
import type { Tx } from '../../db/database';
import { addDays } from '../../domain/period';
import { nowIso } from '../audit/audit.service';

const DEMO_POLICIES: {
  doc: string;
  title: string;
  issuer: string;
  issuedDaysAgo: number;
  years: number | null;
  status: string;
  reviewInDays: number | null;
  summary: string;
  stage: string[];
}[] = [
  {
    doc: '吉市政发〔2023〕12号',
    title: '吉林市促进招商引资若干政策措施',
    issuer: '吉林市人民政府',
    issuedDaysAgo: 900,
    years: 5,
    status: 'active',
    reviewInDays: -30,
    summary: '对新引进固定资产投资1亿元以上的工业项目，按实际到位资金给予奖励；对引荐成功的中介机构给予奖励。',
    stage: ['started', 'operating'],
  },
  {
    doc: '吉市政办发〔2024〕5号',
    title: '吉林市重大招商项目“一事一议”办法',
    issuer: '吉林市人民政府办公室',
    issuedDaysAgo: 600,
    years: 3,
    status: 'active',
    reviewInDays: 120,
    summary: '总投资10亿元以上的重大项目，经市政府常务会议研究，可在用地、能耗、金融等方面一事一议给予支持。',
    stage: ['contract', 'started'],
  },
  {
    doc: '吉市商发〔2024〕21号',
    title: '吉林市外商投资企业奖励暂行办法',
    issuer: '吉林市商务局',
    issuedDaysAgo: 500,
    years: 2,
    status: 'active',
    reviewInDays: 60,
    summary: '对实际使用外资500万美元以上的新设外商投资企业给予一次性奖励。',
    stage: ['started'],
  },
  {
    doc: '吉市发改发〔2021〕8号',
    title: '吉林市招商引资项目用地保障办法',
    issuer: '吉林市发展和改革委员会',
    issuedDaysAgo: 1500,
    years: 5,
    status: 'to_revise',
    reviewInDays: -200,
    summary: '工业项目用地按亩均投资强度分级保障；部分条款与新修订的土地管理规定不一致，待修订。',
    stage: ['contract'],
  },
  {
    doc: '吉市政发〔2019〕30号',
    title: '吉林市招商引资中介人奖励办法（试行）',
    issuer: '吉林市人民政府',
    issuedDaysAgo: 2300,
    years: 3,
    status: 'abolished',
    reviewInDays: null,
    summary: '已于政策清理中废止，相关奖励由〔2023〕12号文统一规定。',
    stage: [],
  },
];

export async function loadDemoPolicies(tx: Tx, today: string): Promise<number> {
  const t = nowIso();
  let n = 0;
  for (const [i, p] of DEMO_POLICIES.entries()) {
    const exists = await tx.selectFrom('policies').select('id').where('doc_number', '=', p.doc).executeTakeFirst();
    if (exists) continue;
    const issued = addDays(today, -p.issuedDaysAgo);
    const row = await tx
      .insertInto('policies')
      .values({
        doc_number: p.doc,
        title: p.title,
        issuer: p.issuer,
        issued_on: issued,
        expires_on: p.years ? addDays(issued, p.years * 365) : null,
        status: p.status,
        review_due: p.reviewInDays === null ? null : addDays(today, p.reviewInDays),
        summary: p.summary,
        is_demo: 1,
        created_at: t,
        updated_at: t,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    n++;
    if (!p.stage.length) continue;
    const projects = await tx
      .selectFrom('projects')
      .select('id')
      .where('is_demo', '=', 1)
      .where('stage', 'in', p.stage)
      .orderBy('id')
      .offset(i * 3)
      .limit(4)
      .execute();
    if (projects.length)
      await tx
        .insertInto('policy_projects')
        .values(projects.map((x) => ({ policy_id: Number(row.id), project_id: Number(x.id) })))
        .execute();
  }
  return n;
}
