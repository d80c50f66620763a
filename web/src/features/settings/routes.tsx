import { SettingOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const SettingsPage = lazyPage(() => import('./SettingsPage'), 'SettingsPage');

export const routes: FeatureRoute[] = [
  {
    path: 'settings',
    element: <SettingsPage />,
    menu: { group: 'system', order: 30, label: ['系统设置', 'Settings'], icon: <SettingOutlined />, permission: 'settings.write' },
  },
];
