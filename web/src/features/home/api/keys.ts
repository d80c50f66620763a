import { moduleKeys } from '../../../shared/api/query-keys';

/** The role homes' queries: their own keys, so no shape clashes with the pages they link to. */
export const homeKeys = moduleKeys('home');
