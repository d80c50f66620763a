import { LineChartOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const ForecastPage = lazyPage(() => import('./ForecastPage'), 'ForecastPage');

export const routes: FeatureRoute[] = [
  {
    path: 'forecast',
    element: <ForecastPage />,
    menu: { group: 'dispatch', order: 15, label: ['预测与分析', 'Forecast'], icon: <LineChartOutlined />, permission: 'business.read' },
  },
];
