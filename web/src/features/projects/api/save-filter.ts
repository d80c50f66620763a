// Saves the current filters under a name.
import { apiSend } from '../../../lib/api';
import { useProjectsMutation } from './mutation';
import type { SavedFilter } from '../../../../../src/contracts/projects';

export const saveFilter = (b: { name: string; query: Record<string, unknown> }) =>
  apiSend<SavedFilter>('POST', '/saved-filters', { scope: 'projects', ...b });
export const useSaveFilter = () => useProjectsMutation(saveFilter);
