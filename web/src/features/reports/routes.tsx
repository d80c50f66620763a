import { FileTextOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const ReportsPage = lazyPage(() => import('./ReportsPage'), 'ReportsPage');

export const routes: FeatureRoute[] = [
  {
    path: 'reports',
    element: <ReportsPage />,
    menu: {
      group: 'dispatch',
      order: 20,
      label: ['调度会材料', 'Briefing & reports'],
      icon: <FileTextOutlined />,
      permission: 'report.read',
    },
  },
];
