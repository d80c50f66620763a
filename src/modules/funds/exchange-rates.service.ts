// Monthly USD exchange rates (元 per USD × 10000), used to check foreign funds against the amount.
import type { Tx } from '../../db/database';
import { AppError } from '../../domain/errors';
import { formatRateE4, type ExchangeRate } from '../../contracts/funds';
import { audit, nowIso } from '../audit/audit.service';
import { requirePermission, type Actor } from '../auth/actor';
import { assertPeriod, assertPeriodOpen } from './period-locks.service';

export async function listExchangeRates(db: Tx): Promise<ExchangeRate[]> {
  const rows = await db.selectFrom('exchange_rates').selectAll().orderBy('period', 'desc').execute();
  return rows.map((r) => ({ period: r.period, cnyPerUsdE4: r.cny_per_usd_e4, version: r.version, updatedAt: r.updated_at }));
}

/** The rate of the period, or else the latest one before it. */
export async function rateFor(db: Tx, period: string): Promise<{ period: string; cnyPerUsdE4: number } | null> {
  const r = await db
    .selectFrom('exchange_rates')
    .select(['period', 'cny_per_usd_e4'])
    .where('period', '<=', period)
    .orderBy('period', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { period: r.period, cnyPerUsdE4: r.cny_per_usd_e4 } : null;
}

export async function putExchangeRate(
  tx: Tx,
  actor: Actor,
  input: { period: string; cnyPerUsdE4: number; version?: number | undefined },
): Promise<ExchangeRate> {
  requirePermission(actor, 'exchange_rate.write');
  assertPeriod(input.period);
  // A locked month's rate is part of its official figures.
  await assertPeriodOpen(tx, input.period);
  const before = await tx.selectFrom('exchange_rates').selectAll().where('period', '=', input.period).executeTakeFirst();
  const t = nowIso();
  if (!before) {
    await tx.insertInto('exchange_rates').values({ period: input.period, cny_per_usd_e4: input.cnyPerUsdE4, updated_at: t }).execute();
  } else {
    if (input.version !== undefined && input.version !== before.version) {
      throw new AppError(
        'stale',
        `${input.period} 的汇率已被他人修改（当前 ${formatRateE4(before.cny_per_usd_e4)}），请刷新后再改`,
        undefined,
        { currentVersion: before.version },
      );
    }
    const res = await tx
      .updateTable('exchange_rates')
      .set({ cny_per_usd_e4: input.cnyPerUsdE4, version: before.version + 1, updated_at: t })
      .where('period', '=', input.period)
      .where('version', '=', before.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('stale', `${input.period} 的汇率已被他人修改，请刷新后再改`);
  }
  const after = await tx.selectFrom('exchange_rates').selectAll().where('period', '=', input.period).executeTakeFirstOrThrow();
  await audit(tx, actor, {
    action: before ? 'update' : 'create',
    entity: 'exchange_rate',
    entityId: input.period,
    summary: `${input.period} 美元汇率 ${before ? `${formatRateE4(before.cny_per_usd_e4)} → ` : ''}${formatRateE4(after.cny_per_usd_e4)}`,
    before: before ?? null,
    after,
  });
  return { period: after.period, cnyPerUsdE4: after.cny_per_usd_e4, version: after.version, updatedAt: after.updated_at };
}
