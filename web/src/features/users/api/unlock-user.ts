import { useMutation } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api';

export type UnlockResult = { accounts: number; addresses: number };

/** Clears a user's login delays (every address) and the lockouts of the addresses it was tried from. */
export const unlockUser = (id: number) => apiSend<UnlockResult>('POST', `/users/${id}/unlock`, {});

export const useUnlockUser = (onDone: (r: UnlockResult) => void, onError: (e: Error) => void) =>
  useMutation({ mutationFn: unlockUser, onSuccess: onDone, onError });
