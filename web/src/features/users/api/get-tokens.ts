import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, checked } from '../../../lib/api';
import { tokenSchema } from '../../../../../src/contracts/users';
import { usersKeys } from './keys';

const response = z.object({ items: z.array(tokenSchema) });
export type Token = z.infer<typeof tokenSchema>;
export async function getTokens(): Promise<Token[]> {
  return checked(response, await apiGet('/tokens'), 'GET /tokens').items;
}
export const tokensQueryOptions = () => queryOptions({ queryKey: usersKeys.of('tokens'), queryFn: getTokens });
export function useTokens() {
  return useQuery(tokensQueryOptions());
}
