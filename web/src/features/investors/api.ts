// Server calls of the investors feature.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../lib/api';
import type { Investor, InvestorCreate, InvestorDetail, InvestorUpdate } from '../../../../src/contracts/investors';

type PageOf<T> = { items: T[]; total: number; page: number; pageSize: number };
export type Query = Record<string, string | number | undefined>;

export function useInvestors(q: Query) {
  return useQuery({ queryKey: ['investors', 'list', q], queryFn: () => apiGet<PageOf<Investor>>('/investors', q), placeholderData: (p) => p });
}
export function useInvestor(id: number) {
  return useQuery({ queryKey: ['investors', 'one', id], queryFn: () => apiGet<InvestorDetail>(`/investors/${id}`) });
}
export function useRegions(q: string) {
  return useQuery({ queryKey: ['investors', 'regions', q], enabled: q.trim().length > 0, queryFn: () => apiGet<{ items: { code: string; name: string; kind: string }[] }>('/investors/regions', { q }).then((r) => r.items) });
}
function useInvestorMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => { void qc.invalidateQueries({ queryKey: ['investors'] }); void qc.invalidateQueries({ queryKey: ['projects'] }); } });
}
export const useCreateInvestor = () => useInvestorMutation((b: InvestorCreate) => apiSend<Investor>('POST', '/investors', b));
export const useUpdateInvestor = () => useInvestorMutation(({ id, ...b }: InvestorUpdate & { id: number }) => apiSend<Investor>('PATCH', `/investors/${id}`, b));
