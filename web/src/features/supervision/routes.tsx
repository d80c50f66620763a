import { FlagOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const TasksPage = lazyPage(() => import('./TasksPage'), 'TasksPage');
const TaskPage = lazyPage(() => import('./TaskPage'), 'TaskPage');

export const routes: FeatureRoute[] = [
  {
    path: 'supervision',
    element: <TasksPage />,
    menu: { group: 'dispatch', order: 6, label: ['督办', 'Supervision'], icon: <FlagOutlined />, permission: 'business.read' },
  },
  { path: 'supervision/:id', element: <TaskPage /> },
];
