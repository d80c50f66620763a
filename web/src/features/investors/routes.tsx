import { TeamOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const InvestorsPage = lazyPage(() => import('./InvestorsPage'), 'InvestorsPage');
const InvestorPage = lazyPage(() => import('./InvestorPage'), 'InvestorPage');

export const routes: FeatureRoute[] = [
  {
    path: 'investors',
    element: <InvestorsPage />,
    menu: { group: 'pipeline', order: 30, label: ['客商', 'Investors'], icon: <TeamOutlined />, permission: 'business.read' },
  },
  { path: 'investors/:id', element: <InvestorPage /> },
];
