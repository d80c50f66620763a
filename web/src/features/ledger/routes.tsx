import { FileExcelOutlined } from '@ant-design/icons';
import type { FeatureRoute } from '../../shared/feature';
import { lazyPage } from '../../shared/lazyPage';

const LedgerPage = lazyPage(() => import('./LedgerPage'), 'LedgerPage');

export const routes: FeatureRoute[] = [
  {
    path: 'ledger',
    element: <LedgerPage />,
    menu: {
      group: 'system',
      order: 5,
      label: ['台账导入导出', 'Ledger import/export'],
      icon: <FileExcelOutlined />,
      permission: 'ledger.export',
    },
  },
];
