import type { Db } from '../../db/database';
import { takeMutex } from '../../db/mutex';
import { AppError } from '../../domain/errors';
import { audit, nowIso } from '../audit/audit.service';
import { makeActor } from '../auth/actor';
import { createUser } from '../users/users.service';
import { updateSettings } from '../settings/settings.service';

export async function needsSetup(db: Db): Promise<boolean> {
  const u = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return !u;
}

export interface SetupInput {
  cityName: string;
  homeRegionCode: string;
  cityUnitCode: string;
  adminUsername: string;
  adminDisplayName: string;
  adminPassword: string;
}

/** First run: the city, its home region, and the first administrator (who is also city office). */
export async function runSetup(db: Db, input: SetupInput) {
  if (!(await needsSetup(db))) throw new AppError('conflict', '系统已完成初始化；如需新增账号，请由管理员在“用户管理”中添加');
  return db.transaction().execute(async (tx) => {
    // Concurrent first runs take turns (SQLite: BEGIN IMMEDIATE; PostgreSQL: the setup mutex row),
    // and each looks again: exactly one creates the administrator, the others get the 409.
    await takeMutex(tx, 'setup', 'exclusive');
    if (await tx.selectFrom('users').select('id').limit(1).executeTakeFirst()) {
      throw new AppError('conflict', '系统已完成初始化；如需新增账号，请由管理员在“用户管理”中添加');
    }
    const system = makeActor({ userId: null, name: '初始化向导', roles: ['admin', 'city_office'], unitCode: null, via: 'system' });
    await updateSettings(tx, system, { cityName: input.cityName, homeRegionCode: input.homeRegionCode });
    const city = await tx.selectFrom('units').select('code').where('kind', '=', 'city').executeTakeFirst();
    if (!city) {
      const t = nowIso();
      await tx
        .insertInto('units')
        .values({ code: input.cityUnitCode, name: `${input.cityName}人民政府`, kind: 'city', created_at: t, updated_at: t })
        .execute();
      await audit(tx, system, {
        action: 'create',
        entity: 'unit',
        entityId: input.cityUnitCode,
        after: { code: input.cityUnitCode, name: `${input.cityName}人民政府`, kind: 'city' },
      });
    }
    const user = await createUser(
      tx,
      system,
      {
        username: input.adminUsername,
        displayName: input.adminDisplayName,
        password: input.adminPassword,
        roles: ['admin', 'city_office'],
        unitCode: null,
      },
      { skipPermission: true },
    );
    await audit(tx, system, { action: 'setup', entity: 'system', summary: `初始化：${input.cityName}（${input.homeRegionCode}）` });
    return user;
  });
}
