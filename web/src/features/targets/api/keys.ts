import { moduleKeys } from '../../../shared/api/query-keys';

export const targetsKeys = moduleKeys('targets');
