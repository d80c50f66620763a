// Deletes an item or attachment of a project.
import { apiSend } from '../../../lib/api';
import { useProjectsMutation } from './mutation';

import type { ItemPath } from './get-items';
export type DeleteItem = { projectId: number; path: ItemPath | 'attachments'; itemId: number; version?: number };
export const deleteItem = ({ projectId, path, itemId, version }: DeleteItem) =>
  apiSend('DELETE', `/projects/${projectId}/${path}/${itemId}${version ? `?version=${version}` : ''}`);
export const useDeleteItem = () => useProjectsMutation(deleteItem);
