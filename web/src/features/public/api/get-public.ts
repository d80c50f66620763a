// The public page's reads (no login needed).
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { publicCommitmentSchema, publicInfoSchema, publicReserveSchema } from '../../../../../src/contracts/public';
import type { Me } from '../../../../../src/contracts/common';
import { apiGet, setCsrfToken } from '../../../lib/api';

export type PublicInfo = z.infer<typeof publicInfoSchema>;
export type PublicReserve = z.infer<typeof publicReserveSchema>;
export type PublicCommitment = z.infer<typeof publicCommitmentSchema>;

export const getPublicInfo = () => apiGet<PublicInfo>('/public/info');
export const publicInfoQuery = () => queryOptions({ queryKey: ['public', 'info'], queryFn: getPublicInfo, staleTime: Infinity });
export const usePublicInfo = () => useQuery(publicInfoQuery());

export const getPublicReserve = () => apiGet<{ items: PublicReserve[] }>('/public/reserve-projects').then((r) => r.items);
export const publicReserveQuery = () => queryOptions({ queryKey: ['public', 'reserve'], queryFn: getPublicReserve });
export const usePublicReserve = () => useQuery(publicReserveQuery());

export const getCommitmentLink = (token: string) => apiGet<PublicCommitment>(`/public/commitment-links/${encodeURIComponent(token)}`);
export const commitmentLinkQuery = (token: string) =>
  queryOptions({ queryKey: ['public', 'commitment-link', token], queryFn: () => getCommitmentLink(token), retry: false });
export const useCommitmentLink = (token: string) => useQuery(commitmentLinkQuery(token));

/** A visitor who is also signed in must send the session's CSRF token with writes; anonymous visitors have none. */
export async function primeCsrf(): Promise<void> {
  try {
    const me = await apiGet<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
  } catch {
    /* not signed in: nothing to send */
  }
}
