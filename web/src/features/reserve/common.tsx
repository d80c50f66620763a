import { Tag } from 'antd';
import type { ReserveProject } from '../../../../src/contracts/reserve';
import { useT } from '../../shared/i18n';

export const STATUS: Record<ReserveProject['status'], { label: [string, string]; color: string }> = {
  reserve: { label: ['储备', 'In reserve'], color: 'default' },
  promoted: { label: ['已推介', 'Promoted'], color: 'blue' },
  converted: { label: ['已转化', 'Converted'], color: 'green' },
  withdrawn: { label: ['撤销', 'Withdrawn'], color: 'red' },
};
export function StatusTag({ s }: { s: ReserveProject['status'] }) {
  const t = useT();
  return <Tag color={STATUS[s].color}>{t(...STATUS[s].label)}</Tag>;
}
export const VERDICTS: Record<'pass' | 'revise' | 'fail', [string, string]> = {
  pass: ['通过', 'Approved'],
  revise: ['修改后通过', 'Approved with revisions'],
  fail: ['不通过', 'Not approved'],
};
/** 万元 text typed by people → 元 integer (null when empty or not a number). */
export const wanToYuan = (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10000);
export const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(2)}%`);
