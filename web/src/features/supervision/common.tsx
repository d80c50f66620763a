import { Tag } from 'antd';
import type { SupervisionTask } from '../../../../src/contracts/warnings';
import type { TFn } from '../../shared/labels';

export function ColourTag({ task, t }: { task: Pick<SupervisionTask, 'colour' | 'daysLate'>; t: TFn }) {
  switch (task.colour) {
    case 'blue':
      return <Tag color="blue">{t('蓝 · 期限内', 'Blue · on time')}</Tag>;
    case 'yellow':
      return <Tag color="gold">{t(`黄 · 超期 ${task.daysLate} 天`, `Yellow · ${task.daysLate} d late`)}</Tag>;
    case 'red':
      return <Tag color="red">{t(`红 · 超期 ${task.daysLate} 天`, `Red · ${task.daysLate} d late`)}</Tag>;
    default:
      return <Tag color="green">{t('已办结', 'Closed')}</Tag>;
  }
}
export function statusText(t: TFn, s: SupervisionTask['status']): string {
  return s === 'open'
    ? t('待反馈', 'Awaiting answer')
    : s === 'answered'
      ? t('已反馈待核验', 'Answered, to verify')
      : t('已办结', 'Closed');
}
