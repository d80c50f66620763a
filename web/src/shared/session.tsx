import { createContext, useContext } from 'react';
import type { Me } from '../../../src/contracts/common';

export const SessionContext = createContext<{ me: Me | null; refresh: () => Promise<void> }>({ me: null, refresh: async () => {} });

/** The signed-in user; pages under the shell always have one. */
export function useMe(): Me {
  const { me } = useContext(SessionContext);
  if (!me) throw new Error('useMe outside of a session');
  return me;
}
export function useSession() {
  return useContext(SessionContext);
}
export function useCan(permission: string): boolean {
  const { me } = useContext(SessionContext);
  return !!me?.permissions.includes(permission);
}
