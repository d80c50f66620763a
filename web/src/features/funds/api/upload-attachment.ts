// Uploads an evidence file to an entry.
import { apiSend, apiUpload } from '../../../lib/api';
import { useFundsMutation } from './mutation';
import type { Attachment } from '../../../../../src/contracts/funds';

export const uploadAttachment = (a: { entryId: number; file: File }) => {
  const form = new FormData();
  form.append('file', a.file);
  return apiUpload<Attachment>(`/fund-entries/${a.entryId}/attachments`, form);
};
export const useUpload = () => useFundsMutation(uploadAttachment);
