import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inboxSchema } from '../../contracts/warnings';
import { actorOf } from '../../server/auth';
import { inboxFor } from './inbox.service';

export const inboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/inbox',
    { schema: { tags: ['待办 inbox'], summary: '我的待办：预警、督办、跟进、报送、审核与核实', response: { 200: inboxSchema } } },
    async (req) => inboxFor(app.db, actorOf(req)),
  );
};
