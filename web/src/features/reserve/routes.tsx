import { ContainerOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const ReservePage = lazyPage(() => import('./ReservePage'), 'ReservePage');
const ReserveDetailPage = lazyPage(() => import('./ReserveDetailPage'), 'ReserveDetailPage');
const RolloverPage = lazyPage(() => import('./RolloverPage'), 'RolloverPage');
const InquiriesPage = lazyPage(() => import('./InquiriesPage'), 'InquiriesPage');

export const routes: FeatureRoute[] = [
  {
    path: 'reserve',
    element: <ReservePage />,
    menu: {
      group: 'pipeline',
      order: 50,
      label: ['项目储备', 'Project reserve'],
      icon: <ContainerOutlined />,
      permission: 'business.read',
    },
  },
  { path: 'reserve/rollover', element: <RolloverPage /> },
  { path: 'reserve/inquiries', element: <InquiriesPage /> },
  { path: 'reserve/:id', element: <ReserveDetailPage /> },
];
