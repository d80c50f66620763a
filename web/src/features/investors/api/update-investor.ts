// Edits an investor (with its version).
import { apiSend } from '../../../lib/api';
import { useInvestorsMutation } from './mutation';
import type { Investor, InvestorUpdate } from '../../../../../src/contracts/investors';

export const updateInvestor = ({ id, ...b }: InvestorUpdate & { id: number }) => apiSend<Investor>('PATCH', `/investors/${id}`, b);
export const useUpdateInvestor = () => useInvestorsMutation(updateInvestor);
