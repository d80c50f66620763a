import { moduleKeys } from '../../../shared/api/query-keys';

/** Every query of the funds feature starts with 'funds'; writes invalidate them all. */
export const fundsKeys = moduleKeys('funds');
