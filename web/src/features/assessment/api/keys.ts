import { moduleKeys } from '../../../shared/api/query-keys';

export const assessmentKeys = moduleKeys('assessment');
