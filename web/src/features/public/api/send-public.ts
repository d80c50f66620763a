import { useMutation } from '@tanstack/react-query';
import type { InquiryCreate } from '../../../../../src/contracts/public';
import { apiSend } from '../../../lib/api';

export const sendInquiry = (body: InquiryCreate) => apiSend<{ received: true }>('POST', '/public/inquiries', body);
export const useSendInquiry = () => useMutation({ mutationFn: sendInquiry });
export const answerCommitment = (token: string, body: { answer: 'confirm' | 'dispute'; comment?: string }) =>
  apiSend<{ result: 'confirmed' | 'disputed' }>('POST', `/public/commitment-links/${encodeURIComponent(token)}`, body);
export const useAnswerCommitment = (token: string) =>
  useMutation({ mutationFn: (b: { answer: 'confirm' | 'dispute'; comment?: string }) => answerCommitment(token, b) });
