import { TrophyOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';
import { lazyPage } from '../../app/lazyPage';

const AssessmentPage = lazyPage(() => import('./AssessmentPage'), 'AssessmentPage');

export const routes: FeatureRoute[] = [
  { path: 'assessment', element: <AssessmentPage />, menu: { group: 'dispatch', order: 30, label: ['考核', 'Assessment'], icon: <TrophyOutlined />, permission: 'report.read' } },
];
