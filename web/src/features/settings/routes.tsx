import { SettingOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../app/feature';
import { lazyPage } from '../../app/lazyPage';

const SettingsPage = lazyPage(() => import('./SettingsPage'), 'SettingsPage');

export const routes: FeatureRoute[] = [
  { path: 'settings', element: <SettingsPage />, menu: { group: 'system', order: 30, label: ['系统设置', 'Settings'], icon: <SettingOutlined /> } },
];
