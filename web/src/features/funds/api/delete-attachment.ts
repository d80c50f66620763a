// Removes an evidence file.
import { apiSend } from '../../../lib/api';
import { useFundsMutation } from './mutation';

export const deleteAttachment = (a: { entryId: number; id: number }) => apiSend('DELETE', `/fund-entries/${a.entryId}/attachments/${a.id}`);
export const useDeleteAttachment = () => useFundsMutation(deleteAttachment);
