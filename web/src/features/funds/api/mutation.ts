import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fundsKeys } from './keys';

/** A write of the funds feature: afterwards every funds query reloads (entries, submissions, locks). */
export function useFundsMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: fundsKeys.all }) });
}
