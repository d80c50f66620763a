import { Tag } from 'antd';
import { WARNING_RULE_LABELS, type WarningRule } from '../../../../src/domain/warnings';
import type { TFn } from '../../shared/labels';

export const RULE_EN: Record<WarningRule, string> = {
  'lead-unassessed': 'Lead not assessed',
  'stale-follow-up': 'No follow-up',
  'agreement-not-contracted': 'Agreement not contracted',
  'contract-not-started': 'Contract not started',
  'started-no-funds': 'Started, no funds',
  'started-low-funds': 'Started, low funds',
  'overdue-commitment': 'Commitment overdue',
  'overdue-blocker': 'Blocker overdue',
  'submission-missing': 'Submission missing',
  'unit-behind': 'Unit behind',
  'unit-no-result': 'Unit with no result',
  'activity-report-missing': 'Activity report overdue',
};
export const ruleText = (t: TFn, r: WarningRule) => t(WARNING_RULE_LABELS[r], RULE_EN[r]);
export function LevelTag({ level, t }: { level: 'red' | 'yellow'; t: TFn }) {
  return level === 'red' ? <Tag color="red">{t('红', 'Red')}</Tag> : <Tag color="gold">{t('黄', 'Yellow')}</Tag>;
}
