/**
 * Rules of promotion activities (招商活动, issue 11): which economic region a trip went to, and when
 * its report is due. Pure; the destination is free text as people type it ("江苏省苏州市、浙江省杭州市").
 */
import { addDays } from './period';

export type DestinationGroup = 'yrd' | 'prd' | 'jjj' | 'other';
export const DESTINATION_GROUPS: readonly DestinationGroup[] = ['yrd', 'prd', 'jjj', 'other'];
export const DESTINATION_GROUP_LABELS: Readonly<Record<DestinationGroup, string>> = {
  yrd: '长三角',
  prd: '珠三角',
  jjj: '京津冀',
  other: '其他地区',
};

// Same regions as origin.ts's ORIGIN_GROUP_PREFIXES, by name because destinations are typed, not coded.
const GROUP_NAMES: readonly [DestinationGroup, readonly string[]][] = [
  ['yrd', ['长三角', '上海', '江苏', '浙江', '安徽', '南京', '苏州', '无锡', '常州', '杭州', '宁波', '合肥', '温州', '嘉兴', '南通']],
  ['prd', ['珠三角', '广州', '深圳', '珠海', '佛山', '江门', '肇庆', '惠州', '东莞', '中山']],
  ['jjj', ['京津冀', '北京', '天津', '河北', '石家庄', '雄安', '唐山', '保定', '廊坊']],
];

/** The region of the first place named in the destination that belongs to one; otherwise 'other'. */
export function destinationGroup(destination: string | null | undefined): DestinationGroup {
  if (!destination) return 'other';
  let best: { group: DestinationGroup; at: number } | null = null;
  for (const [group, names] of GROUP_NAMES) {
    for (const n of names) {
      const at = destination.indexOf(n);
      if (at >= 0 && (!best || at < best.at)) best = { group, at };
    }
  }
  return best?.group ?? 'other';
}

/** Kinds whose people travel and come back, so owe a report (小分队, 代表团). */
export const REPORTED_KINDS = ['trip', 'delegation'] as const;
export const REPORT_DUE_DAYS = 15;

/** The report is due 15 days after return (the end date, else the start date); null for kinds without one. */
export function reportDueOn(a: { kind: string; startDate: string; endDate: string | null }): string | null {
  if (!(REPORTED_KINDS as readonly string[]).includes(a.kind)) return null;
  return addDays(a.endDate ?? a.startDate, REPORT_DUE_DAYS);
}

/** Overdue: a report is owed, none was filed, and the due date has passed. */
export function isReportOverdue(
  a: { kind: string; startDate: string; endDate: string | null; reportedOn: string | null },
  today: string,
): boolean {
  const due = reportDueOn(a);
  return due !== null && a.reportedOn === null && today > due;
}

/** 「共签约合同项目X个，引进资金达X亿元」 — the speech's sentence for signed contracts. */
export function signedSentence(contracts: number, investmentYuan: number): string {
  return `共签约合同项目${contracts}个，引进资金达${(investmentYuan / 1e8).toFixed(2)}亿元`;
}

/** 「X户企业的X名代表」 */
export function delegationSentence(enterprises: number, representatives: number): string {
  return `${enterprises}户企业的${representatives}名代表`;
}
