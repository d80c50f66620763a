import { AuditOutlined, DollarOutlined, FormOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const EntryPage = lazyPage(() => import('./EntryPage'), 'EntryPage');
const BoardPage = lazyPage(() => import('./BoardPage'), 'BoardPage');
const VerifyPage = lazyPage(() => import('./VerifyPage'), 'VerifyPage');
const RatesPage = lazyPage(() => import('./RatesPage'), 'RatesPage');

export const routes: FeatureRoute[] = [
  {
    path: 'funds',
    element: <EntryPage />,
    menu: { group: 'funds', order: 10, label: ['到位资金填报', 'Funds entry'], icon: <FormOutlined />, permission: 'fund.write' },
  },
  {
    path: 'funds/board',
    element: <BoardPage />,
    menu: { group: 'funds', order: 20, label: ['月报进度', 'Submissions'], icon: <ScheduleOutlined />, permission: 'business.read' },
  },
  {
    path: 'funds/verify',
    element: <VerifyPage />,
    menu: { group: 'funds', order: 30, label: ['到位资金核实', 'Verification'], icon: <AuditOutlined />, permission: 'fund.verify' },
  },
  {
    path: 'funds/rates',
    element: <RatesPage />,
    menu: { group: 'funds', order: 40, label: ['美元汇率', 'Exchange rates'], icon: <DollarOutlined />, permission: 'business.read' },
  },
];
