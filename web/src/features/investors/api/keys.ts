import { moduleKeys } from '../../../shared/api/query-keys';

/** Every query of the investors feature starts with 'investors'. */
export const investorsKeys = moduleKeys('investors');
