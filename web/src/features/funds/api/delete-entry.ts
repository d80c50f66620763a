// Deletes a draft fund entry.
import { apiSend } from '../../../lib/api';
import { useFundsMutation } from './mutation';

export const deleteEntry = (id: number) => apiSend('DELETE', `/fund-entries/${id}`);
export const useDeleteEntry = () => useFundsMutation(deleteEntry);
