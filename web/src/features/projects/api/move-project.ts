// Moves a project to another stage.
import { apiSend } from '../../../lib/api';
import { useProjectsMutation } from './mutation';
import type { MoveCreate, Project } from '../../../../../src/contracts/projects';

export const moveProject = ({ id, ...b }: MoveCreate & { id: number }) => apiSend<Project>('POST', `/projects/${id}/moves`, b);
export const useMoveProject = () => useProjectsMutation(moveProject);
