import { moduleKeys } from '../../../shared/api/query-keys';

/** Every query of the projects feature starts with 'projects'. */
export const projectsKeys = moduleKeys('projects');
