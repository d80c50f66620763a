import { z } from 'zod';
import { unitKindSchema } from './common';
export type { UnitKind } from './common';

export const unitSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: unitKindSchema,
  sort: z.number(),
  active: z.boolean(),
  isDemo: z.boolean(),
  version: z.number(),
});
export type Unit = z.infer<typeof unitSchema>;

export const unitCodeSchema = z
  .string()
  .trim()
  .min(1, '单位代码不能为空')
  .max(32, '单位代码最长32位')
  .regex(/^[A-Za-z0-9_-]+$/, '单位代码只能包含字母、数字、下划线和短横线');

export const unitCreateSchema = z.object({
  code: unitCodeSchema,
  name: z.string().trim().min(1, '单位名称不能为空').max(100),
  kind: unitKindSchema,
  sort: z.number().int().optional(),
});
export const unitUpdateSchema = z.object({
  name: z.string().trim().min(1, '单位名称不能为空').max(100).optional(),
  kind: unitKindSchema.optional(),
  sort: z.number().int().optional(),
  active: z.boolean().optional(),
  version: z.number().int().positive(),
});
