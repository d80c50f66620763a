import { moduleKeys } from '../../../shared/api/query-keys';

export const auditKeys = moduleKeys('audit');
