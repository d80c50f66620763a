// Year-end forecast and pipeline analytics ([J]); the reasoning is in src/domain/forecast.ts.
import { z } from 'zod';
import { periodSchema } from './common';

export const forecastQuerySchema = z.object({
  asOf: periodSchema.optional(),
  unit: z.string().min(1).max(32).optional(),
});

const prob = z.number().min(0).max(1).nullable();
const yuan = z.number();

export const scopeForecastSchema = z.object({
  fundsYtdYuan: yuan,
  expectedYuan: yuan,
  lowYuan: yuan,
  highYuan: yuan,
  probabilityBase: prob,
  probabilityStretch: prob,
  targetBaseYuan: yuan.nullable(),
  targetStretchYuan: yuan.nullable(),
  timeSeriesRemainingYuan: yuan,
  structuralRemainingYuan: yuan.nullable(),
  signedPotentialYuan: yuan.nullable(),
  pipelinePotentialYuan: yuan.nullable(),
  weightTimeSeries: z.number(),
  /** "What it takes": the monthly amount still needed from now to reach base / stretch. */
  neededMonthlyBaseYuan: yuan.nullable(),
  neededMonthlyStretchYuan: yuan.nullable(),
  /** True when the base gap exceeds what signed contracts and the open pipeline can plausibly bring. */
  gapUncovered: z.boolean().nullable(),
});

export const backtestSchema = z.object({
  asOfMonth: z.number().int(),
  years: z.array(
    z.object({
      year: z.number().int(),
      predictedYuan: yuan,
      actualYuan: yuan,
      errorPct: z.number().nullable(),
      timeSeriesYuan: yuan,
      structuralYuan: yuan.nullable(),
    }),
  ),
  mape: z.number().nullable(),
  timeSeriesMape: z.number().nullable(),
  structuralMape: z.number().nullable(),
});

export const forecastSchema = scopeForecastSchema.extend({
  year: z.number().int(),
  asOf: z.string(),
  basis: z.literal('verified'),
  monthsLeft: z.number().int(),
  scope: z.object({ unitCode: z.string().nullable(), name: z.string() }),
  units: z.array(scopeForecastSchema.extend({ code: z.string(), name: z.string() })),
  backtest: backtestSchema,
  sentence: z.string(),
});
export type ForecastDto = z.infer<typeof forecastSchema>;

export const pipelineGroupBySchema = z.enum(['unit', 'industry', 'originScope']);
export const pipelineQuerySchema = z.object({
  groupBy: pipelineGroupBySchema.default('unit'),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export const stageStatSchema = z.object({
  stage: z.string(),
  label: z.string(),
  entered: z.number().int(),
  advanced: z.number().int(),
  conversion: z.number().nullable(),
  medianDays: z.number().nullable(),
  p25Days: z.number().nullable(),
  p75Days: z.number().nullable(),
});
export const pipelineGroupSchema = z.object({
  key: z.string(),
  label: z.string(),
  projects: z.number().int(),
  dropped: z.number().int(),
  droppedShare: z.number().nullable(),
  dropReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  stages: z.array(stageStatSchema),
});
export const pipelineAnalyticsSchema = z.object({
  groupBy: pipelineGroupBySchema,
  overall: pipelineGroupSchema,
  groups: z.array(pipelineGroupSchema),
});
export type PipelineAnalyticsDto = z.infer<typeof pipelineAnalyticsSchema>;
