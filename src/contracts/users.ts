import { z } from 'zod';
import { roleSchema } from './common';

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  unitCode: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

const UNIT_ROLES = ['reporter', 'unit_head'];
const rolesField = z.array(roleSchema).min(1, '至少选择一个角色');

export const userCreateSchema = z
  .object({
    username: z
      .string()
      .trim()
      .min(2, '用户名至少2位')
      .max(64)
      .regex(/^[A-Za-z0-9_.@-]+$/, '用户名只能包含字母、数字和 _ . @ -'),
    displayName: z.string().trim().min(1, '姓名不能为空').max(100),
    password: z.string().min(10, '密码至少10位').max(200, '密码最多200位'),
    roles: rolesField,
    unitCode: z.string().nullable().optional(),
  })
  .refine((u) => !u.roles.some((r) => UNIT_ROLES.includes(r)) || !!u.unitCode, {
    message: '单位填报员和单位负责人必须指定所属单位',
    path: ['unitCode'],
  });

export const userUpdateSchema = z.object({
  displayName: z.string().trim().min(1).max(100).optional(),
  roles: rolesField.optional(),
  unitCode: z.string().nullable().optional(),
  active: z.boolean().optional(),
  password: z.string().min(10, '密码至少10位').max(200, '密码最多200位').optional(),
  version: z.number().int().positive(),
});

export const tokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  role: roleSchema,
  unitCode: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const tokenCreateSchema = z.object({
  name: z.string().trim().min(1, '名称不能为空').max(100),
  role: roleSchema,
  unitCode: z.string().nullable().optional(),
});
