import { ApiOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const WebhooksPage = lazyPage(() => import('./WebhooksPage'), 'WebhooksPage');
const DeliveriesPage = lazyPage(() => import('./DeliveriesPage'), 'DeliveriesPage');

export const routes: FeatureRoute[] = [
  {
    path: 'webhooks',
    element: <WebhooksPage />,
    menu: { group: 'system', order: 35, label: ['群机器人', 'Group robots'], icon: <ApiOutlined />, permission: 'webhook.manage' },
  },
  { path: 'webhooks/:id', element: <DeliveriesPage /> },
];
