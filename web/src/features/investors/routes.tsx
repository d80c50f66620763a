import { TeamOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';
import { InvestorsPage } from './InvestorsPage';
import { InvestorPage } from './InvestorPage';

export const routes: FeatureRoute[] = [
  { path: 'investors', element: <InvestorsPage />, menu: { group: 'pipeline', order: 30, label: ['客商', 'Investors'], icon: <TeamOutlined />, permission: 'business.read' } },
  { path: 'investors/:id', element: <InvestorPage /> },
];
