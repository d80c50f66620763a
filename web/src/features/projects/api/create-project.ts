// Creates a project.
import { apiSend } from '../../../lib/api';
import { useProjectsMutation } from './mutation';
import type { Project, ProjectCreate } from '../../../../../src/contracts/projects';

export const createProject = (b: ProjectCreate) => apiSend<Project>('POST', '/projects', b);
export const useCreateProject = () => useProjectsMutation(createProject);
