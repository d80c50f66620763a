import { DashboardOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const DashboardPage = lazyPage(() => import('./DashboardPage'), 'DashboardPage');

export const routes: FeatureRoute[] = [
  {
    path: 'dashboard',
    element: <DashboardPage />,
    menu: { group: 'overview', order: 0, label: ['驾驶舱', 'Dashboard'], icon: <DashboardOutlined />, permission: 'business.read' },
  },
];
