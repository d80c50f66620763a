// The projects behind a dispatch figure (drill-down): the list sums to the figure.
import { z } from 'zod';
import { dispatchQuerySchema } from './stats';

export const DRILLDOWN_FIGURES = [
  'fundsYtd',
  'headlineYtd',
  'localYtd',
  'fundsYtdLastYear',
  'foreignUsdYtd',
  'outsideRegionYtd',
  'outOfProvinceYtd',
  'abroadYtd',
  'largeProjects',
  'contractsYtd',
] as const;
export const drilldownFigureSchema = z.enum(DRILLDOWN_FIGURES);
export type DrilldownFigure = z.infer<typeof drilldownFigureSchema>;

export const drilldownQuerySchema = dispatchQuerySchema.extend({
  figure: drilldownFigureSchema,
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

export const drilldownItemSchema = z.object({
  projectId: z.number().int(),
  projectCode: z.string(),
  projectName: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  investorName: z.string().nullable(),
  originScope: z.string().nullable(),
  totalInvestmentYuan: z.number(),
  /** this project's part of the figure: 元 (USD for foreignUsdYtd; total investment for contractsYtd) */
  amount: z.number(),
  /** fund entries behind `amount` (0 for contractsYtd) */
  entries: z.number().int(),
  contractDate: z.string().nullable(),
});

export const drilldownSchema = z.object({
  figure: drilldownFigureSchema,
  /** 「到位资金」, 「其中利用外资」 … */
  label: z.string(),
  /** what `total` and `amount` are counted in */
  measure: z.enum(['yuan', 'usd']),
  period: z.object({ year: z.number().int(), month: z.number().int() }),
  unitCode: z.string().nullable(),
  basis: z.enum(['verified', 'reported']),
  /** Σ amount over every project behind the figure (equals the figure) */
  total: z.number(),
  /** how many projects are behind it (for largeProjects and contractsYtd: the figure's count) */
  projects: z.number().int(),
  /** the largest first, up to `limit` */
  items: z.array(drilldownItemSchema),
  truncated: z.boolean(),
});
export type DrilldownDto = z.infer<typeof drilldownSchema>;
