// A one-time link for the investor to confirm (or dispute) a fulfilled commitment.
import { apiSend } from '../../../lib/api';
import { useProjectsMutation } from './mutation';

export type ConfirmationLink = { url: string; token: string; expiresAt: string };
export const createConfirmationLink = (commitmentId: number) =>
  apiSend<ConfirmationLink>('POST', `/commitments/${commitmentId}/confirmation-link`);
/** Reloads the project's items afterwards: the commitment now waits for the investor. */
export const useCreateConfirmationLink = () => useProjectsMutation(createConfirmationLink);
