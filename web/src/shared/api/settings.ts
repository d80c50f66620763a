// The city's settings (public to every signed-in user; written on the settings page).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { settingsSchema, type Settings } from '../../../../src/contracts/settings';
import { apiGet, checked } from '../../lib/api';
import { sharedKeys } from './query-keys';

export async function getSettings(): Promise<Settings> {
  return checked(settingsSchema, await apiGet('/settings'), 'GET /settings');
}
export const settingsQueryOptions = () => queryOptions({ queryKey: sharedKeys.settings.of('current'), queryFn: getSettings });
export function useSettings() {
  return useQuery(settingsQueryOptions());
}
