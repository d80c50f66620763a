import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ReviewCampaign } from '../../../../../src/contracts/policies';
import { apiGet } from '../../../lib/api';

export const getReview = (campaign: string) => apiGet<ReviewCampaign>('/policies/review', { campaign });
export const reviewQuery = (campaign: string) =>
  queryOptions({ queryKey: ['policies', 'review', campaign], queryFn: () => getReview(campaign) });
export const useReview = (campaign: string) => useQuery({ ...reviewQuery(campaign), enabled: !!campaign });
