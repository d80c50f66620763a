import { AimOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const TargetsPage = lazyPage(() => import('./TargetsPage'), 'TargetsPage');

export const routes: FeatureRoute[] = [
  {
    path: 'targets',
    element: <TargetsPage />,
    menu: { group: 'dispatch', order: 10, label: ['目标责任状', 'Targets'], icon: <AimOutlined />, permission: 'business.read' },
  },
];
