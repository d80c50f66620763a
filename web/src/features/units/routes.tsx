import { ApartmentOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const UnitsPage = lazyPage(() => import('./UnitsPage'), 'UnitsPage');

export const routes: FeatureRoute[] = [
  {
    path: 'units',
    element: <UnitsPage />,
    menu: { group: 'system', order: 10, label: ['单位管理', 'Units'], icon: <ApartmentOutlined />, cityWide: true },
  },
];
