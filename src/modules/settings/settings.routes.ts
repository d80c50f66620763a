import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { settingsPatchSchema, settingsSchema } from '../../contracts/settings';
import { actorOf } from '../../server/auth';
import { recomputeOriginScopes } from '../investors/investors.service';
import { getSettings, updateSettings } from './settings.service';
import { setLargeThreshold } from '../stats/rollups';

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['设置 settings'];
  app.get('/settings', { schema: { tags, summary: '系统设置', response: { 200: settingsSchema } } }, async () => getSettings(app.db));
  app.patch('/settings', { config: { permission: 'settings.write' }, schema: { tags, summary: '修改系统设置（修改本市行政区划代码会重新计算客商来源范围）', body: settingsPatchSchema, response: { 200: settingsSchema } } },
    async (req) => app.db.transaction().execute(async (tx) => {
      const before = await getSettings(tx);
      const after = await updateSettings(tx, actorOf(req), req.body);
      // Origin scope (local / province / domestic / abroad) is relative to the home city.
      if (after.homeRegionCode !== before.homeRegionCode) await recomputeOriginScopes(tx, after.homeRegionCode);
      // The statistics rollups group funds by "large project"; a new threshold rebuilds them (ADR 0003).
      if (after.largeProjectThresholdWan !== before.largeProjectThresholdWan) await setLargeThreshold(tx, after.largeProjectThresholdWan * 10000);
      return after;
    }));
};
