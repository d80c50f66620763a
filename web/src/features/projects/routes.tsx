import { AppstoreOutlined, ProjectOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const ProjectsPage = lazyPage(() => import('./ProjectsPage'), 'ProjectsPage');
const KanbanPage = lazyPage(() => import('./KanbanPage'), 'KanbanPage');
const ProjectPage = lazyPage(() => import('./ProjectPage'), 'ProjectPage');

export const routes: FeatureRoute[] = [
  {
    path: 'projects',
    element: <ProjectsPage />,
    menu: { group: 'pipeline', order: 10, label: ['项目台账', 'Projects'], icon: <ProjectOutlined />, permission: 'business.read' },
  },
  {
    path: 'projects/kanban',
    element: <KanbanPage />,
    menu: { group: 'pipeline', order: 20, label: ['项目看板', 'Pipeline board'], icon: <AppstoreOutlined />, permission: 'business.read' },
  },
  { path: 'projects/:id', element: <ProjectPage /> },
];
