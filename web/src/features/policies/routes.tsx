import { BookOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const PoliciesPage = lazyPage(() => import('./PoliciesPage'), 'PoliciesPage');

export const routes: FeatureRoute[] = [
  {
    path: 'policies',
    element: <PoliciesPage />,
    menu: { group: 'dispatch', order: 40, label: ['政策库', 'Policies'], icon: <BookOutlined />, permission: 'business.read' },
  },
];
