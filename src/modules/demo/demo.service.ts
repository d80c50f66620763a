import { z } from 'zod';
import type { Db } from '../../db/database';
import type { Actor } from '../auth/actor';
import { AppError } from '../../domain/errors';

export const demoSummarySchema = z.object({
  units: z.number(), investors: z.number(), projects: z.number(), fundEntries: z.number(), targets: z.number(),
  activities: z.number(), reserveProjects: z.number(), users: z.array(z.object({ username: z.string(), password: z.string(), role: z.string(), unitCode: z.string().nullable() })),
});
export type DemoSummary = z.infer<typeof demoSummarySchema>;

export async function loadDemo(_db: Db, _actor: Actor, _opts: { seed?: number | undefined } = {}): Promise<DemoSummary> {
  throw new AppError('unsupported', 'demo generator not written yet');
}
