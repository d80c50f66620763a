import { Tag } from 'antd';
import type { Activity } from '../../../../src/contracts/activities';
import { useT } from '../../shared/i18n';

export const KIND_LABELS: Record<Activity['kind'], [string, string]> = {
  trip: ['小分队', 'Trip'],
  delegation: ['代表团', 'Delegation'],
  event: ['推介会', 'Promotion event'],
  signing: ['签约活动', 'Signing'],
};
export const REGION_LABELS: Record<Activity['destinationGroup'], [string, string]> = {
  yrd: ['长三角', 'Yangtze Delta'],
  prd: ['珠三角', 'Pearl River Delta'],
  jjj: ['京津冀', 'Beijing-Tianjin-Hebei'],
  other: ['其他地区', 'Other'],
};
export const KIND_COLORS: Record<Activity['kind'], string> = { trip: 'blue', delegation: 'purple', event: 'gold', signing: 'green' };

/** 报告: overdue (red), filed (green), due (default), none owed (—). */
export function ReportTag({ a }: { a: Pick<Activity, 'reportDueOn' | 'reportedOn' | 'reportOverdue'> }) {
  const t = useT();
  if (!a.reportDueOn) return <span>—</span>;
  if (a.reportedOn) return <Tag color="green">{t('已报告', 'Filed')}</Tag>;
  if (a.reportOverdue) return <Tag color="red">{t(`报告逾期（应于${a.reportDueOn}前）`, `Report overdue (due ${a.reportDueOn})`)}</Tag>;
  return <Tag>{t(`待报告（${a.reportDueOn}前）`, `Due ${a.reportDueOn}`)}</Tag>;
}
