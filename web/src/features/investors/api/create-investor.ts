// Creates an investor.
import { apiSend } from '../../../lib/api';
import { useInvestorsMutation } from './mutation';
import type { Investor, InvestorCreate } from '../../../../../src/contracts/investors';

export const createInvestor = (b: InvestorCreate) => apiSend<Investor>('POST', '/investors', b);
export const useCreateInvestor = () => useInvestorsMutation(createInvestor);
