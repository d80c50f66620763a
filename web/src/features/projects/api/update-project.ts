// Edits a project (with its version).
import { apiSend } from '../../../lib/api';
import { useProjectsMutation } from './mutation';
import type { Project, ProjectUpdate } from '../../../../../src/contracts/projects';

export const updateProject = ({ id, ...b }: ProjectUpdate & { id: number }) => apiSend<Project>('PATCH', `/projects/${id}`, b);
export const useUpdateProject = () => useProjectsMutation(updateProject);
