import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { settingsPatchSchema, settingsSchema } from '../../contracts/settings';
import { actorOf } from '../../server/auth';
import { getSettings } from './settings.service';
import { updateSettingsAndRebuild } from './settings.effects';

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['设置 settings'];
  app.get('/settings', { schema: { tags, summary: '系统设置', response: { 200: settingsSchema } } }, async () => getSettings(app.db));
  app.patch(
    '/settings',
    {
      config: { permission: 'settings.write' },
      schema: {
        tags,
        body: settingsPatchSchema,
        response: { 200: settingsSchema },
        summary: '修改系统设置（修改本市行政区划代码或重点项目门槛后，统计汇总表在后台重建，其间统计按明细直接汇总）',
      },
    },
    async (req) => updateSettingsAndRebuild(app.db, actorOf(req), req.body),
  );
};
