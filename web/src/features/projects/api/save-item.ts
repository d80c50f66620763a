// Adds or edits a follow-up, blocker, commitment or approval item.
import { apiSend } from '../../../lib/api';
import { useProjectsMutation } from './mutation';

import type { ItemPath } from './get-items';
export type SaveItem = { projectId: number; path: ItemPath; itemId?: number; body: Record<string, unknown> };
export const saveItem = ({ projectId, path, itemId, body }: SaveItem) =>
  itemId ? apiSend('PATCH', `/projects/${projectId}/${path}/${itemId}`, body) : apiSend('POST', `/projects/${projectId}/${path}`, body);
export const useSaveItem = () => useProjectsMutation(saveItem);
