import { moduleKeys } from '../../../shared/api/query-keys';

export const usersKeys = moduleKeys('users');
