// Deletes a saved filter.
import { apiSend } from '../../../lib/api';
import { useProjectsMutation } from './mutation';

export const deleteFilter = (id: number) => apiSend('DELETE', `/saved-filters/${id}`);
export const useDeleteFilter = () => useProjectsMutation(deleteFilter);
