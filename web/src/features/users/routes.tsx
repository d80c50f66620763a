import { TeamOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const UsersPage = lazyPage(() => import('./UsersPage'), 'UsersPage');

export const routes: FeatureRoute[] = [
  {
    path: 'users',
    element: <UsersPage />,
    menu: { group: 'system', order: 20, label: ['用户与令牌', 'Users & tokens'], icon: <TeamOutlined />, permission: 'user.manage' },
  },
];
