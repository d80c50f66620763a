import { useMutation, useQueryClient } from '@tanstack/react-query';
import { investorsKeys } from './keys';

// A project shows its investor's name, so an investor write reloads the projects feature too.
const PROJECTS = ['projects'] as const;

/** A write of the investors feature: afterwards its queries reload (and the projects', which show the investor). */
export function useInvestorsMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: investorsKeys.all });
      void qc.invalidateQueries({ queryKey: PROJECTS });
    },
  });
}
