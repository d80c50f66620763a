import { useMutation, useQueryClient } from '@tanstack/react-query';
import { projectsKeys } from './keys';

// An investor's page lists its projects, so a project write reloads the investors feature too.
const INVESTORS = ['investors'] as const;

/** A write of the projects feature: afterwards its queries reload (and the investors', which list projects). */
export function useProjectsMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: projectsKeys.all });
      void qc.invalidateQueries({ queryKey: INVESTORS });
    },
  });
}
