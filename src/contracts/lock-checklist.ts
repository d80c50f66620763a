import { z } from 'zod';

/** What is unfinished in a period before it is locked (issue [K]: guard the month). */
export const lockChecklistUnitSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  /** the unit's submission status (not_started, draft, returned, submitted, approved) */
  status: z.string(),
  entries: z.number().int(),
  amountYuan: z.number(),
});
export const lockChecklistSchema = z.object({
  period: z.string(),
  locked: z.boolean(),
  /** units that have not submitted (not started, in progress, or returned to them) */
  notSubmitted: z.array(lockChecklistUnitSchema),
  /** units whose submission waits for their head's approval */
  awaitingApproval: z.array(lockChecklistUnitSchema),
  /** approved entries the city office has not verified yet, per unit */
  awaitingVerification: z.array(lockChecklistUnitSchema),
  /** true when any list above is not empty: locking then needs acknowledgeUnfinished */
  unfinished: z.boolean(),
});
export type LockChecklist = z.infer<typeof lockChecklistSchema>;
