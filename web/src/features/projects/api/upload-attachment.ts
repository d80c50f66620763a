// Uploads a file to a project.
import { apiSend, apiUpload } from '../../../lib/api';
import { useProjectsMutation } from './mutation';
import type { Attachment } from '../../../../../src/contracts/projects';

export const uploadAttachment = ({ projectId, file }: { projectId: number; file: File }) => {
  const f = new FormData();
  f.append('file', file);
  return apiUpload<Attachment>(`/projects/${projectId}/attachments`, f);
};
export const useUpload = () => useProjectsMutation(uploadAttachment);
