import { TrophyOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const AssessmentPage = lazyPage(() => import('./AssessmentPage'), 'AssessmentPage');

export const routes: FeatureRoute[] = [
  {
    path: 'assessment',
    element: <AssessmentPage />,
    menu: { group: 'dispatch', order: 30, label: ['考核', 'Assessment'], icon: <TrophyOutlined />, permission: 'report.read' },
  },
];
