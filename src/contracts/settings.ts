import { z } from 'zod';

// Every setting with its default. Thresholds are in 万元 as people set them; services convert to 元.
export const settingsSchema = z.object({
  cityName: z.string().min(1).max(50).default('示例市'),
  homeRegionCode: z
    .string()
    .regex(/^\d{6}$/, '应为6位行政区划代码，例如 220200')
    .default('220200'),
  largeProjectThresholdWan: z.number().int().min(0).default(5000),
  reserveThresholdWan: z.number().int().min(0).default(1000),
  // Warnings (days unless named otherwise); [F] reads these.
  warnLeadAssessDays: z.number().int().min(1).default(3),
  warnFollowUpYellowDays: z.number().int().min(1).default(60),
  warnFollowUpRedDays: z.number().int().min(1).default(90),
  warnAgreementYellowDays: z.number().int().min(1).default(90),
  warnAgreementRedDays: z.number().int().min(1).default(180),
  warnContractYellowDays: z.number().int().min(1).default(180),
  warnContractRedDays: z.number().int().min(1).default(365),
  warnNoFundsMonths: z.number().int().min(1).default(3),
  warnStartedLowShareMonths: z.number().int().min(1).default(6),
  warnStartedLowSharePercent: z.number().min(0).max(100).default(15),
  warnSubmissionDueDay: z.number().int().min(1).max(28).default(5),
  warnBehindYellowPoints: z.number().min(0).max(100).default(10),
  warnBehindRedPoints: z.number().min(0).max(100).default(30),
  warnNoResultFromMonth: z.number().int().min(1).max(12).default(4),
  // Assessment.
  assessmentMethod: z.enum(['weighted', 'efficacy']).default('weighted'),
  assessmentWeightFunds: z.number().min(0).default(60),
  assessmentWeightForeign: z.number().min(0).default(20),
  assessmentWeightContracts: z.number().min(0).default(20),
  assessmentCap: z.number().min(0).default(1.2),
  assessmentDeductMissingSubmission: z.number().min(0).default(2),
  assessmentDeductContractNotStarted: z.number().min(0).default(1),
  // Briefing: how many of the largest projects' blockers are read out (overdue ones always are),
  // and the counting rule (口径) whether local investors' funds count in the headline figure.
  briefingTopBlockers: z.number().int().min(0).max(100).default(5),
  countLocalFundsInHeadline: z.boolean().default(true),
  // The assessment's own deadlines (it used to borrow the warning thresholds).
  assessmentSubmissionDueDay: z.number().int().min(1).max(28).default(5),
  assessmentContractStartDays: z.number().int().min(1).default(180),
  // Supervision tasks turn red this many days after their deadline (yellow from the day after).
  supervisionRedAfterDays: z.number().int().min(1).default(7),
  // Data quality of fund entries: a unit month above N × its own mean; a run of round amounts.
  qualitySpikeFactor: z.number().min(1).default(3),
  qualityRoundRunLength: z.number().int().min(2).default(3),
  qualityRoundUnitWan: z.number().int().min(1).default(100),
  // Public page for investors ([F]): the city's advantages, the contact on brochures, and the hours
  // within which an inquiry must be answered (later it shows as overdue).
  cityAdvantages: z.string().max(3000).default(''),
  investorContact: z.string().max(200).default(''),
  inquiryResponseHours: z.number().int().min(1).max(720).default(48),
});
export type Settings = z.infer<typeof settingsSchema>;
// Without the defaults: a patch naming one key must not reset every other key to its default.
export const settingsPatchSchema = z.object(
  Object.fromEntries(Object.entries(settingsSchema.shape).map(([k, v]) => [k, v.unwrap().optional()])),
) as unknown as z.ZodType<Partial<Settings>, Partial<Settings>>;
export const SETTINGS_DEFAULTS: Settings = settingsSchema.parse({});
