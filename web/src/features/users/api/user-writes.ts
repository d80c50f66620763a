// Writes of users and API tokens; every one reloads the users feature's lists.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api';
import { usersKeys } from './keys';

export type UserInput = { username: string; displayName: string; password?: string; roles: string[]; unitCode?: string; active?: boolean };
export const createUser = (v: UserInput) => apiSend('POST', '/users', { ...v, unitCode: v.unitCode ?? null });
export const updateUser = (id: number, version: number, v: UserInput) =>
  apiSend('PATCH', `/users/${id}`, {
    displayName: v.displayName,
    roles: v.roles,
    unitCode: v.unitCode ?? null,
    active: v.active,
    version,
    ...(v.password ? { password: v.password } : {}),
  });
export const createToken = (v: { name: string; role: string; unitCode?: string }) =>
  apiSend<{ token: string }>('POST', '/tokens', { ...v, unitCode: v.unitCode ?? null });
export const revokeToken = (id: number) => apiSend('DELETE', `/tokens/${id}`);

export function useUsersMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: usersKeys.all }) });
}
