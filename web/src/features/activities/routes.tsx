import { FlagOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const ActivitiesPage = lazyPage(() => import('./ActivitiesPage'), 'ActivitiesPage');
const ActivityPage = lazyPage(() => import('./ActivityPage'), 'ActivityPage');

export const routes: FeatureRoute[] = [
  {
    path: 'activities',
    element: <ActivitiesPage />,
    menu: { group: 'pipeline', order: 40, label: ['招商活动', 'Activities'], icon: <FlagOutlined />, permission: 'business.read' },
  },
  { path: 'activities/:id', element: <ActivityPage /> },
];
