import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { settingsPatchSchema, settingsSchema } from '../../contracts/settings';
import { actorOf } from '../../server/auth';
import { getSettings, updateSettings } from './settings.service';

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['设置 settings'];
  app.get('/settings', { schema: { tags, summary: '系统设置', response: { 200: settingsSchema } } }, async () => getSettings(app.db));
  app.patch('/settings', { config: { permission: 'settings.write' }, schema: { tags, summary: '修改系统设置', body: settingsPatchSchema, response: { 200: settingsSchema } } },
    async (req) => app.db.transaction().execute((tx) => updateSettings(tx, actorOf(req), req.body)));
};
