// Schemas shared by the server and the web app.
import { z } from 'zod';

export const ROLES = ['city_office', 'reporter', 'unit_head', 'leader', 'supervisor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const UNIT_KINDS = ['city', 'county', 'zone', 'department'] as const;
export const unitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof unitKindSchema>;

export const periodSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '报告期格式应为 YYYY-MM，例如 2026-05')
  .refine((p) => {
    const y = Number(p.slice(0, 4));
    return y >= 2000 && y <= 2100;
  }, '报告期应在 2000-01 至 2100-12 之间');
export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const versionField = z.number().int().positive();

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    detail: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export function page<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const meSchema = z.object({
  id: z.number().nullable(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  permissions: z.array(z.string()),
  cityWide: z.boolean(),
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof meSchema>;
