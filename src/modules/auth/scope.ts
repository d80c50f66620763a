// Unit data scope, enforced here and only here: every repository that reads or writes records owned
// by a unit passes its query through `scoped`, and every write checks `assertUnitWritable`.
import { AppError } from '../../domain/errors';
import { isCityWide, type Actor } from './actor';

/** The unit the actor is confined to, or null when the actor sees the whole city. */
export function scopeUnit(actor: Actor): string | null {
  if (isCityWide(actor)) return null;
  // A unit role without a unit sees nothing rather than everything.
  return actor.unitCode ?? '\u0000none';
}

/**
 * Adds `WHERE <column> = actor's unit` when the actor is confined to a unit.
 * Works on any Kysely select/update/delete builder.
 */
export function scoped<QB extends { where: (...args: any[]) => QB }>(qb: QB, column: string, actor: Actor): QB {
  const unit = scopeUnit(actor);
  return unit === null ? qb : qb.where(column, '=', unit);
}

/** A record the actor may not see is reported as missing, so ids of other units reveal nothing. */
export function assertUnitVisible(actor: Actor, unitCode: string, what: string): void {
  const unit = scopeUnit(actor);
  if (unit !== null && unit !== unitCode) throw new AppError('not_found', `${what}不存在或无权查看`);
}

/** For writes naming a unit explicitly (e.g. creating a project for unit X). */
export function assertUnitWritable(actor: Actor, unitCode: string): void {
  const unit = scopeUnit(actor);
  if (unit !== null && unit !== unitCode) throw new AppError('forbidden', '只能填报本单位的数据');
}

/**
 * Projects are visible to their owning unit and to the department named as their serving unit
 * (包保部门): `WHERE projects.unit_code = unit OR projects.serving_unit_code = unit`.
 */
export function scopedProjects<QB extends { where: (...args: any[]) => QB }>(qb: QB, actor: Actor): QB {
  const unit = scopeUnit(actor);
  if (unit === null) return qb;
  return qb.where((eb: any) => eb.or([eb('projects.unit_code', '=', unit), eb('projects.serving_unit_code', '=', unit)]));
}

/** What a serving unit may write on a project it does not own: follow-ups, blockers and commitments. */
const SERVING_MAY_WRITE = new Set(['follow_up', 'blocker', 'commitment']);

/**
 * A write on a visible project: the owning unit may write anything; the serving unit only the
 * entities above (its funds and stage stay the owning unit's), anything else is refused.
 */
export function assertProjectWritable(actor: Actor, project: { unitCode: string }, entity: string): void {
  const unit = scopeUnit(actor);
  if (unit === null || unit === project.unitCode) return;
  if (SERVING_MAY_WRITE.has(entity)) return;
  throw new AppError(
    'forbidden',
    '本单位是该项目的包保（服务）单位，只能填写跟进记录、困难问题和承诺事项；项目信息、阶段、附件和到位资金由承办单位维护',
  );
}
