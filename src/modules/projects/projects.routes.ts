import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../contracts/common';
import {
  approvalItemCreateSchema,
  approvalItemSchema,
  approvalItemUpdateSchema,
  attachmentSchema,
  blockerCreateSchema,
  blockerSchema,
  blockerUpdateSchema,
  commitmentCreateSchema,
  commitmentSchema,
  commitmentUpdateSchema,
  followUpCreateSchema,
  followUpSchema,
  followUpUpdateSchema,
  kanbanSchema,
  moveCreateSchema,
  projectCreateSchema,
  projectPageSchema,
  projectQuerySchema,
  projectSchema,
  projectUpdateSchema,
  savedFilterCreateSchema,
  savedFilterSchema,
  stageMoveSchema,
  timelineItemSchema,
} from '../../contracts/projects';
import { AppError } from '../../domain/errors';
import { MAX_UPLOAD_BYTES } from '../attachments/upload';
import { sendDownload, XLSX_MIME } from '../../server/download';
import { actorOf } from '../../server/auth';
import { addAttachment, deleteAttachment, getAttachmentFile, listAttachments } from './attachments.service';
import {
  APPROVAL_ITEMS,
  BLOCKERS,
  COMMITMENTS,
  FOLLOW_UPS,
  createItem,
  deleteItem,
  listItems,
  updateItem,
  type ItemKind,
} from './project-items.service';
import { createSavedFilter, deleteSavedFilter, exportProjects, listSavedFilters, projectTimeline } from './project-views.service';
import { createProject, getProjectInScope, kanban, listMoves, listProjects, moveProject, updateProject } from './projects.service';

const itemParams = z.object({ id: z.coerce.number().int().positive(), itemId: z.coerce.number().int().positive() });
const versionQuery = z.object({ version: z.coerce.number().int().positive().optional() });
const ok = z.object({ ok: z.boolean() });

export const projectsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['项目 projects'];
  const read = { permission: 'business.read' as const };
  const write = { permission: 'project.write' as const };
  const tx = <T>(fn: (t: typeof app.db) => Promise<T>) => app.db.transaction().execute((t) => fn(t as unknown as typeof app.db));

  app.get(
    '/projects',
    {
      config: read,
      schema: { tags, summary: '项目列表（分页、筛选、排序）', querystring: projectQuerySchema, response: { 200: projectPageSchema } },
    },
    async (req) => listProjects(app.db, actorOf(req), req.query),
  );
  app.get(
    '/projects/kanban',
    {
      config: read,
      schema: { tags, summary: '项目看板（按阶段的卡片）', querystring: projectQuerySchema, response: { 200: kanbanSchema } },
    },
    async (req) => kanban(app.db, actorOf(req), req.query),
  );
  app.get(
    '/projects/export.xlsx',
    { config: read, schema: { tags, summary: '导出项目表（与列表相同的筛选）', querystring: projectQuerySchema } },
    async (req, reply) => {
      const buf = await exportProjects(app.db, actorOf(req), req.query);
      return sendDownload(reply, { filename: `项目表-${new Date().toISOString().slice(0, 10)}.xlsx`, mime: XLSX_MIME, data: buf });
    },
  );
  app.post(
    '/projects',
    { config: write, schema: { tags, summary: '登记项目', body: projectCreateSchema, response: { 201: projectSchema } } },
    async (req, reply) => reply.status(201).send(await tx((t) => createProject(t, actorOf(req), req.body))),
  );
  app.get(
    '/projects/:id',
    { config: read, schema: { tags, summary: '项目详情', params: idParam, response: { 200: projectSchema } } },
    async (req) => getProjectInScope(app.db, actorOf(req), req.params.id),
  );
  app.patch(
    '/projects/:id',
    {
      config: write,
      schema: { tags, summary: '修改项目（须带 version）', params: idParam, body: projectUpdateSchema, response: { 200: projectSchema } },
    },
    async (req) => tx((t) => updateProject(t, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/projects/:id/moves',
    {
      config: read,
      schema: { tags, summary: '阶段变更记录', params: idParam, response: { 200: z.object({ items: z.array(stageMoveSchema) }) } },
    },
    async (req) => ({ items: await listMoves(app.db, actorOf(req), req.params.id) }),
  );
  app.post(
    '/projects/:id/moves',
    {
      config: write,
      schema: {
        tags,
        summary: '变更阶段（签约/开工/投产须日期，终止/退回/重启须原因）',
        params: idParam,
        body: moveCreateSchema,
        response: { 200: projectSchema },
      },
    },
    async (req) => tx((t) => moveProject(t, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/projects/:id/timeline',
    {
      config: read,
      schema: { tags, summary: '项目时间线', params: idParam, response: { 200: z.object({ items: z.array(timelineItemSchema) }) } },
    },
    async (req) => ({ items: await projectTimeline(app.db, actorOf(req), req.params.id) }),
  );

  // Follow-ups, blockers, commitments, approval items: the same five routes each.
  const items: [string, string, ItemKind, z.ZodTypeAny, z.ZodTypeAny, z.ZodTypeAny][] = [
    ['follow-ups', '跟进记录', FOLLOW_UPS, followUpSchema, followUpCreateSchema, followUpUpdateSchema],
    ['blockers', '困难问题', BLOCKERS, blockerSchema, blockerCreateSchema, blockerUpdateSchema],
    ['commitments', '承诺事项', COMMITMENTS, commitmentSchema, commitmentCreateSchema, commitmentUpdateSchema],
    ['approval-items', '审批事项', APPROVAL_ITEMS, approvalItemSchema, approvalItemCreateSchema, approvalItemUpdateSchema],
  ];
  for (const [path, label, kind, schema, createSchema, updateSchema] of items) {
    app.get(
      `/projects/:id/${path}`,
      { config: read, schema: { tags, summary: `${label}列表`, params: idParam, response: { 200: z.object({ items: z.array(schema) }) } } },
      async (req) => ({ items: await listItems(app.db, actorOf(req), kind, req.params.id) }),
    );
    app.post(
      `/projects/:id/${path}`,
      { config: write, schema: { tags, summary: `新增${label}`, params: idParam, body: createSchema, response: { 201: schema } } },
      async (req, reply) =>
        reply.status(201).send(await tx((t) => createItem(t, actorOf(req), kind, req.params.id, req.body as Record<string, unknown>))),
    );
    app.patch(
      `/projects/:id/${path}/:itemId`,
      {
        config: write,
        schema: { tags, summary: `修改${label}（须带 version）`, params: itemParams, body: updateSchema, response: { 200: schema } },
      },
      async (req) =>
        tx((t) =>
          updateItem(t, actorOf(req), kind, req.params.id, req.params.itemId, req.body as Record<string, unknown> & { version: number }),
        ),
    );
    app.delete(
      `/projects/:id/${path}/:itemId`,
      { config: write, schema: { tags, summary: `删除${label}`, params: itemParams, querystring: versionQuery, response: { 200: ok } } },
      async (req) => {
        await tx((t) => deleteItem(t, actorOf(req), kind, req.params.id, req.params.itemId, req.query.version));
        return { ok: true };
      },
    );
  }

  app.get(
    '/projects/:id/attachments',
    {
      config: read,
      schema: { tags, summary: '附件列表', params: idParam, response: { 200: z.object({ items: z.array(attachmentSchema) }) } },
    },
    async (req) => ({ items: await listAttachments(app.db, actorOf(req), req.params.id) }),
  );
  app.post(
    '/projects/:id/attachments',
    {
      config: write,
      schema: {
        tags,
        summary: '上传附件（multipart，字段 file，≤10 MB）',
        params: idParam,
        consumes: ['multipart/form-data'],
        response: { 201: attachmentSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await getProjectInScope(app.db, actor, req.params.id); // 404 before reading the body
      if (!req.isMultipart()) throw new AppError('unsupported', '请以 multipart/form-data 上传文件（字段名 file）');
      const file = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
      if (!file) throw new AppError('validation', '没有收到文件，请选择要上传的文件', { file: '请选择文件' });
      const data = await file.toBuffer();
      if (file.file.truncated) throw new AppError('too_large', '文件超过 10 MB，请压缩或拆分后再上传');
      return reply.status(201).send(await tx((t) => addAttachment(t, actor, req.params.id, file.filename, data)));
    },
  );
  app.get(
    '/projects/:id/attachments/:itemId',
    { config: read, schema: { tags, summary: '下载附件', params: itemParams } },
    async (req, reply) => {
      const f = await getAttachmentFile(app.db, actorOf(req), req.params.id, req.params.itemId);
      return sendDownload(reply, f);
    },
  );
  app.delete(
    '/projects/:id/attachments/:itemId',
    { config: write, schema: { tags, summary: '删除附件', params: itemParams, response: { 200: ok } } },
    async (req) => {
      await tx((t) => deleteAttachment(t, actorOf(req), req.params.id, req.params.itemId));
      return { ok: true };
    },
  );

  app.get(
    '/saved-filters',
    {
      config: read,
      schema: {
        tags,
        summary: '我保存的筛选',
        querystring: z.object({ scope: z.string().max(32).default('projects') }),
        response: { 200: z.object({ items: z.array(savedFilterSchema) }) },
      },
    },
    async (req) => ({ items: await listSavedFilters(app.db, actorOf(req), req.query.scope) }),
  );
  app.post(
    '/saved-filters',
    { config: read, schema: { tags, summary: '保存筛选', body: savedFilterCreateSchema, response: { 201: savedFilterSchema } } },
    async (req, reply) => reply.status(201).send(await tx((t) => createSavedFilter(t, actorOf(req), req.body))),
  );
  app.delete(
    '/saved-filters/:id',
    { config: read, schema: { tags, summary: '删除保存的筛选', params: idParam, response: { 200: ok } } },
    async (req) => {
      await tx((t) => deleteSavedFilter(t, actorOf(req), req.params.id));
      return { ok: true };
    },
  );
};
