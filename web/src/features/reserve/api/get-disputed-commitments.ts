import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { disputedCommitmentSchema } from '../../../../../src/contracts/public';
import { apiGet } from '../../../lib/api';

export type DisputedCommitment = z.infer<typeof disputedCommitmentSchema>;
export const getDisputedCommitments = () => apiGet<{ items: DisputedCommitment[] }>('/commitments/disputed').then((r) => r.items);
export const disputedCommitmentsQuery = () =>
  queryOptions({ queryKey: ['reserve', 'disputed-commitments'], queryFn: getDisputedCommitments });
export const useDisputedCommitments = () => useQuery(disputedCommitmentsQuery());
