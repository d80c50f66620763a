import { HomeOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const HomePage = lazyPage(() => import('./HomePage'), 'HomePage');

export const routes: FeatureRoute[] = [
  {
    path: '',
    element: <HomePage />,
    menu: {
      group: 'overview',
      order: -10,
      label: ['我的工作', 'My work'],
      icon: <HomeOutlined />,
      roles: ['city_office', 'unit_head', 'reporter', 'supervisor'],
    },
  },
];
