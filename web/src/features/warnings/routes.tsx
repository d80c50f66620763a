import { WarningOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const WarningsPage = lazyPage(() => import('./WarningsPage'), 'WarningsPage');
const LeadsPage = lazyPage(() => import('./LeadsPage'), 'LeadsPage');

export const routes: FeatureRoute[] = [
  {
    path: 'warnings',
    element: <WarningsPage />,
    menu: { group: 'dispatch', order: 5, label: ['预警', 'Warnings'], icon: <WarningOutlined />, permission: 'business.read' },
  },
  { path: 'warnings/leads', element: <LeadsPage /> },
];
