import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { userSchema, type User } from '../../../../../src/contracts/users';
import { usersKeys } from './keys';

const response = z.object({ items: z.array(userSchema) });
export async function getUsers(): Promise<User[]> {
  return checked(response, await apiGet('/users'), 'GET /users').items;
}
export const usersQueryOptions = () => queryOptions({ queryKey: usersKeys.of('list'), queryFn: getUsers });
export function useUsers() {
  return useQuery(usersQueryOptions());
}
