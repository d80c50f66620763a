// The header's to-do count: red when something red waits; a click opens the inbox.
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../shared/i18n';
import { useInbox } from './api/get-inbox';

/** The header's to-do count; `compact` (a phone) shows the icon and count without the word. */
export function InboxBadge({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const q = useInbox();
  const c = q.data?.counts;
  return (
    <Badge count={c?.total ?? 0} overflowCount={99} color={c && c.red > 0 ? '#cf1322' : '#1677ff'} size="small" offset={[-6, 6]}>
      <Button
        type="text"
        icon={<BellOutlined />}
        data-testid="inbox-badge"
        aria-label={t(`待办 ${c?.total ?? 0} 项`, `${c?.total ?? 0} to-dos`)}
        onClick={() => navigate('/inbox')}
      >
        {compact ? null : t('待办', 'To-do')}
      </Button>
    </Badge>
  );
}
