import { AuditOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const AuditPage = lazyPage(() => import('./AuditPage'), 'AuditPage');

export const routes: FeatureRoute[] = [
  {
    path: 'audit',
    element: <AuditPage />,
    menu: { group: 'system', order: 40, label: ['审计日志', 'Audit log'], icon: <AuditOutlined />, permission: 'audit.read' },
  },
];
