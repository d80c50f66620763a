import { InboxOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const InboxPage = lazyPage(() => import('./InboxPage'), 'InboxPage');

export const routes: FeatureRoute[] = [
  {
    path: 'inbox',
    element: <InboxPage />,
    menu: { group: 'overview', order: 5, label: ['我的待办', 'My to-do'], icon: <InboxOutlined /> },
  },
];
