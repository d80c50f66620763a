import { DiffOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const RevisionsPage = lazyPage(() => import('./RevisionsPage'), 'RevisionsPage');

export const routes: FeatureRoute[] = [
  {
    path: 'revisions',
    element: <RevisionsPage />,
    menu: { group: 'funds', order: 60, label: ['修订', 'Revisions'], icon: <DiffOutlined />, permission: 'period.lock' },
  },
];
