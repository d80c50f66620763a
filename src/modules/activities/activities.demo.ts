// Demo enrichment of the activities the demo generator planned: members, enterprises and their
// representatives, projects promoted, the trip reports (most filed, a few missing so the overdue
// warning has something to show), and the signed contracts each trip brought (the projects whose
// source is that trip). Deterministic for a seed.
import type { Tx } from '../../db/database';
import { reportDueOn } from '../../domain/activity';
import { GIVEN_NAMES, SURNAMES } from '../demo/demo.data';
import { Rng } from '../demo/demo.generate';
import { SIGNED_STAGES } from './activities.service';

const FIRMS = ['科技', '新材料', '智能装备', '生物医药', '新能源', '食品', '物流', '汽车零部件', '电子', '化工'];
const CITIES = ['苏州', '无锡', '杭州', '宁波', '深圳', '东莞', '佛山', '北京', '天津', '上海', '南京', '合肥'];

export async function enrichActivitiesDemo(tx: Tx, seed: number, today: string): Promise<void> {
  const rng = new Rng(seed + 11);
  const rows = await tx
    .selectFrom('activities')
    .select(['id', 'kind', 'start_date', 'end_date', 'destination'])
    .where('is_demo', '=', 1)
    .orderBy('id')
    .execute();
  const reserveNames = (await tx.selectFrom('reserve_projects').select('name').where('is_demo', '=', 1).orderBy('id').execute()).map(
    (r) => r.name,
  );
  const person = () => rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
  for (const a of rows) {
    const members = a.kind === 'trip' || a.kind === 'delegation' ? Array.from({ length: rng.int(2, 5) }, person) : [];
    const enterprises =
      a.kind === 'delegation' || a.kind === 'event'
        ? Array.from({ length: rng.int(3, 9) }, (_x, i) => ({
            name: `${rng.pick(CITIES)}${rng.pick(FIRMS)}${['有限公司', '股份有限公司', '集团'][i % 3]}`,
            representatives: rng.int(1, 3),
          }))
        : [];
    const promoted =
      a.kind !== 'signing' && reserveNames.length ? [...new Set(Array.from({ length: rng.int(1, 4) }, () => rng.pick(reserveNames)))] : [];
    const due = reportDueOn({ kind: a.kind, startDate: a.start_date, endDate: a.end_date });
    const filed = due !== null && (due < today ? rng.chance(0.88) : rng.chance(0.3));
    const reportedOn = filed ? (a.end_date ?? a.start_date) : null;
    const report = filed
      ? `一行${members.length}人赴${a.destination ?? '目的地'}，走访企业${rng.int(3, 12)}家，举办座谈${rng.int(1, 3)}场，达成合作意向${rng.int(0, 4)}个；下一步邀请重点企业来吉考察，专人跟进。`
      : null;
    await tx
      .updateTable('activities')
      .set({
        members_json: JSON.stringify(members),
        enterprises_json: JSON.stringify(enterprises),
        promoted_json: JSON.stringify(promoted),
        report,
        reported_on: reportedOn && reportedOn <= today ? reportedOn : null,
      })
      .where('id', '=', a.id)
      .execute();
  }
  // a trip's results: the signed projects it was the source of
  const sourced = await tx
    .selectFrom('projects')
    .select(['id', 'source_activity_id'])
    .where('is_demo', '=', 1)
    .where('source_activity_id', 'is not', null)
    .where('stage', 'in', [...SIGNED_STAGES])
    .orderBy('id')
    .execute();
  const linked = new Set(
    (await tx.selectFrom('activity_projects').select(['activity_id', 'project_id']).execute()).map(
      (l) => `${l.activity_id}|${l.project_id}`,
    ),
  );
  const links = sourced
    .filter((p) => !linked.has(`${p.source_activity_id}|${p.id}`))
    .map((p, i) => ({ activity_id: Number(p.source_activity_id), project_id: Number(p.id), sort: i + 1 }));
  for (let i = 0; i < links.length; i += 300)
    await tx
      .insertInto('activity_projects')
      .values(links.slice(i, i + 300))
      .execute();
}
