import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../contracts/common';
import { taskActionSchema, taskBoardSchema, taskCreateSchema, taskDetailSchema, taskListQuery, taskSchema } from '../../contracts/warnings';
import { actorOf } from '../../server/auth';
import { actOnTask, createTask, getTask, listTasks, taskBoard } from './supervision.service';

export const supervisionRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['督办 supervision'];
  app.get(
    '/supervision/tasks',
    {
      config: { permission: 'business.read' },
      schema: { tags, summary: '督办事项列表', querystring: taskListQuery, response: { 200: z.object({ items: z.array(taskSchema) }) } },
    },
    async (req) => ({ items: await listTasks(app.db, actorOf(req), req.query) }),
  );
  app.get(
    '/supervision/board',
    { config: { permission: 'business.read' }, schema: { tags, summary: '督办看板（按单位）', response: { 200: taskBoardSchema } } },
    async (req) => taskBoard(app.db, actorOf(req)),
  );
  app.get(
    '/supervision/tasks/:id',
    {
      config: { permission: 'business.read' },
      schema: { tags, summary: '督办事项详情（含反馈、核验、约谈记录）', params: idParam, response: { 200: taskDetailSchema } },
    },
    async (req) => getTask(app.db, actorOf(req), req.params.id),
  );
  app.post(
    '/supervision/tasks',
    {
      config: { permission: 'supervision.write' },
      schema: { tags, summary: '发起督办（由预警或手工）', body: taskCreateSchema, response: { 201: taskDetailSchema } },
    },
    async (req, reply) => reply.status(201).send(await app.db.transaction().execute((tx) => createTask(tx, actorOf(req), req.body))),
  );
  for (const action of ['feedback', 'reject', 'close', 'interview'] as const) {
    const summary = {
      feedback: '承办单位反馈办理情况',
      reject: '督办人退回重办',
      close: '督办人核验办结',
      interview: '记录约谈（红色等级）',
    }[action];
    app.post(
      `/supervision/tasks/:id/${action}`,
      {
        config: { permission: action === 'feedback' ? 'project.write' : 'supervision.write' },
        schema: { tags, summary, params: idParam, body: taskActionSchema, response: { 200: taskDetailSchema } },
      },
      async (req) => app.db.transaction().execute((tx) => actOnTask(tx, actorOf(req), req.params.id, action, req.body)),
    );
  }
};
