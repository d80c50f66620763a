import { moduleKeys } from '../../../shared/api/query-keys';

export const statsKeys = moduleKeys('stats');
