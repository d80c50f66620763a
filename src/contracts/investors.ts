// Investor (客商) API schemas, shared by server and web.
import { z } from 'zod';
import { page } from './common';

export const ORIGIN_SCOPES = ['local', 'province', 'domestic', 'abroad'] as const;
export const originScopeSchema = z.enum(ORIGIN_SCOPES);
export const OWNERSHIPS = ['soe', 'private', 'foreign', 'hmt', 'other'] as const;
export const ownershipSchema = z.enum(OWNERSHIPS);
export const INDUSTRY_SECTIONS = [
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'I',
  'J',
  'K',
  'L',
  'M',
  'N',
  'O',
  'P',
  'Q',
  'R',
  'S',
  'T',
] as const;
export const industrySectionSchema = z.enum(INDUSTRY_SECTIONS);

export const contactSchema = z.object({
  name: z.string().trim().min(1, '联系人姓名不能为空').max(50),
  phone: z
    .string()
    .trim()
    .max(30)
    .regex(/^[0-9+\-() ]*$/, '电话只能包含数字、+、-、括号和空格')
    .optional()
    .nullable(),
  role: z.string().trim().max(50).optional().nullable(),
});
export type Contact = z.infer<typeof contactSchema>;

export const investorSchema = z.object({
  id: z.number(),
  name: z.string(),
  creditCode: z.string().nullable(),
  originInput: z.string().nullable(),
  originCode: z.string().nullable(),
  originName: z.string().nullable(),
  originKind: z.enum(['region', 'country']).nullable(),
  originScope: originScopeSchema.nullable(),
  ownership: ownershipSchema.nullable(),
  industry: industrySectionSchema.nullable(),
  contacts: z.array(contactSchema),
  notes: z.string().nullable(),
  createdByUnit: z.string().nullable(),
  projectCount: z.number().optional(),
  isDemo: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Investor = z.infer<typeof investorSchema>;

const optText = (max: number) => z.string().trim().max(max).optional().nullable();

export const investorCreateSchema = z.object({
  name: z.string().trim().min(1, '客商名称不能为空').max(200, '客商名称最长200字'),
  creditCode: optText(30),
  origin: optText(100),
  ownership: ownershipSchema.optional().nullable(),
  industry: industrySectionSchema.optional().nullable(),
  contacts: z.array(contactSchema).max(20).optional(),
  notes: optText(2000),
});
export type InvestorCreate = z.infer<typeof investorCreateSchema>;
export const investorUpdateSchema = investorCreateSchema.partial().extend({ version: z.number().int().positive() });
export type InvestorUpdate = z.infer<typeof investorUpdateSchema>;

export const investorQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  originScope: originScopeSchema.optional(),
  industry: industrySectionSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type InvestorQuery = z.infer<typeof investorQuerySchema>;
export const investorPageSchema = page(investorSchema);

export const investorProjectSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  unitCode: z.string(),
  stage: z.string(),
  totalInvestmentYuan: z.number(),
  owner: z.string().nullable(),
});
export const investorDetailSchema = investorSchema.extend({ projects: z.array(investorProjectSchema) });
export type InvestorDetail = z.infer<typeof investorDetailSchema>;

export const regionHitSchema = z.object({ code: z.string(), name: z.string(), kind: z.enum(['region', 'country']) });
