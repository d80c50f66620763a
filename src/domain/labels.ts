/**
 * Chinese labels of every code list, and the label ↔ code maps the ledger workbook uses.
 * `*_LABELS` are the labels shown and written; `*FromLabel` read a label back (also accepting
 * the code itself and a few common synonyms).
 */

/** Label of a code; the code itself when the map lacks it. */
export function labelOf<K extends string>(map: Readonly<Record<K, string>>, code: string): string {
  return Object.prototype.hasOwnProperty.call(map, code) ? map[code as K] : code;
}

/** Code of a label (trimmed; the code itself is accepted too), or null. */
export function codeOf<K extends string>(map: Readonly<Record<K, string>>, label: string): K | null {
  const t = label.trim();
  for (const key of Object.keys(map) as K[]) {
    if (map[key] === t) return key;
  }
  return Object.prototype.hasOwnProperty.call(map, t) ? (t as K) : null;
}

function withAliases<K extends string>(
  map: Readonly<Record<K, string>>,
  aliases: Readonly<Record<string, K>>,
): (label: string) => K | null {
  return (label) => codeOf(map, label) ?? aliases[label.trim()] ?? null;
}

/** All codes of a map, in declaration order. */
export function codesOf<K extends string>(map: Readonly<Record<K, string>>): K[] {
  return Object.keys(map) as K[];
}

// --- units ----------------------------------------------------------------------------------

export type UnitKind = 'city' | 'county' | 'zone' | 'department';
export const UNIT_KIND_LABELS: Readonly<Record<UnitKind, string>> = {
  city: '市',
  county: '县市区',
  zone: '开发区',
  department: '市直部门',
};
export const unitKindFromLabel = withAliases(UNIT_KIND_LABELS, {
  县区: 'county',
  县: 'county',
  区: 'county',
  县市: 'county',
  园区: 'zone',
  部门: 'department',
  市直: 'department',
});

// --- targets --------------------------------------------------------------------------------

export type TargetIndicator = 'funds' | 'foreign' | 'contracts';
export const TARGET_INDICATOR_LABELS: Readonly<Record<TargetIndicator, string>> = {
  funds: '到位资金',
  foreign: '利用外资',
  contracts: '签约项目数',
};
/** Unit in which the ledger states each target (确保/力争 columns). */
export const TARGET_INDICATOR_UNITS: Readonly<Record<TargetIndicator, string>> = {
  funds: '万元',
  foreign: '万美元',
  contracts: '个',
};
export const targetIndicatorFromLabel = withAliases(TARGET_INDICATOR_LABELS, {
  实际到位资金: 'funds',
  到位资金额: 'funds',
  实际利用外资: 'foreign',
  签约项目: 'contracts',
  签约项目个数: 'contracts',
});

// --- projects -------------------------------------------------------------------------------

export type ProjectType = 'industrial' | 'service' | 'agriculture' | 'infrastructure' | 'other';
export const PROJECT_TYPE_LABELS: Readonly<Record<ProjectType, string>> = {
  industrial: '工业',
  service: '服务业',
  agriculture: '农业',
  infrastructure: '基础设施',
  other: '其他',
};
export const projectTypeFromLabel = withAliases(PROJECT_TYPE_LABELS, {
  工业项目: 'industrial',
  服务业项目: 'service',
  现代服务业: 'service',
  农业项目: 'agriculture',
  基础设施项目: 'infrastructure',
  其它: 'other',
});

export type Ownership = 'soe' | 'private' | 'foreign' | 'hmt' | 'other';
export const OWNERSHIP_LABELS: Readonly<Record<Ownership, string>> = {
  soe: '国企',
  private: '民企',
  foreign: '外资',
  hmt: '港澳台',
  other: '其他',
};
export const ownershipFromLabel = withAliases(OWNERSHIP_LABELS, {
  国有企业: 'soe',
  央企: 'soe',
  民营企业: 'private',
  外资企业: 'foreign',
  港澳台资: 'hmt',
  其它: 'other',
});

export type FollowUpKind = 'visit' | 'call' | 'meeting' | 'negotiation' | 'inspection';
export const FOLLOW_UP_KIND_LABELS: Readonly<Record<FollowUpKind, string>> = {
  visit: '走访',
  call: '电话',
  meeting: '会谈',
  negotiation: '洽谈',
  inspection: '考察',
};
export const followUpKindFromLabel = withAliases(FOLLOW_UP_KIND_LABELS, {
  拜访: 'visit',
  电话沟通: 'call',
  实地考察: 'inspection',
});

export type PromotionChannel = 'trip' | 'park' | 'chain' | 'professional' | 'investor_referral' | 'equity' | 'other';
export const PROMOTION_CHANNEL_LABELS: Readonly<Record<PromotionChannel, string>> = {
  trip: '小分队',
  park: '园区招商',
  chain: '产业链招商',
  professional: '专业招商',
  investor_referral: '以商招商',
  equity: '产权招商',
  other: '其他',
};
export const promotionChannelFromLabel = withAliases(PROMOTION_CHANNEL_LABELS, {
  小分队招商: 'trip',
  其它: 'other',
});

// --- funds ----------------------------------------------------------------------------------

export type FundStatus = 'draft' | 'submitted' | 'approved' | 'verified' | 'returned';
export const FUND_STATUS_LABELS: Readonly<Record<FundStatus, string>> = {
  draft: '草稿',
  submitted: '待核实',
  approved: '已审核',
  verified: '已核实',
  returned: '已退回',
};
export const fundStatusFromLabel = withAliases(FUND_STATUS_LABELS, {
  已报送: 'submitted',
  已提交: 'submitted',
  退回: 'returned',
});

// --- reserve projects -----------------------------------------------------------------------

export type ReserveStatus = 'reserve' | 'promoted' | 'converted' | 'withdrawn';
export const RESERVE_STATUS_LABELS: Readonly<Record<ReserveStatus, string>> = {
  reserve: '储备',
  promoted: '已推介',
  converted: '已转化',
  withdrawn: '撤销',
};
/** Reserve projects that still count as active (储备, 已推介). */
export const ACTIVE_RESERVE_STATUSES: readonly ReserveStatus[] = ['reserve', 'promoted'];
export const reserveStatusFromLabel = withAliases(RESERVE_STATUS_LABELS, {
  推介: 'promoted',
  转化: 'converted',
  已撤销: 'withdrawn',
});

// --- activities -----------------------------------------------------------------------------

export type ActivityKind = 'trip' | 'delegation' | 'event' | 'signing';
export const ACTIVITY_KIND_LABELS: Readonly<Record<ActivityKind, string>> = {
  trip: '小分队',
  delegation: '代表团',
  event: '推介会',
  signing: '签约活动',
};
export const activityKindFromLabel = withAliases(ACTIVITY_KIND_LABELS, {
  招商小分队: 'trip',
  签约仪式: 'signing',
  推介活动: 'event',
});

// --- industries: GB/T 4754-2017 sections ----------------------------------------------------

export type IndustrySection =
  | 'A'
  | 'B'
  | 'C'
  | 'D'
  | 'E'
  | 'F'
  | 'G'
  | 'H'
  | 'I'
  | 'J'
  | 'K'
  | 'L'
  | 'M'
  | 'N'
  | 'O'
  | 'P'
  | 'Q'
  | 'R'
  | 'S'
  | 'T';
export const INDUSTRY_LABELS: Readonly<Record<IndustrySection, string>> = {
  A: '农、林、牧、渔业',
  B: '采矿业',
  C: '制造业',
  D: '电力、热力、燃气及水生产和供应业',
  E: '建筑业',
  F: '批发和零售业',
  G: '交通运输、仓储和邮政业',
  H: '住宿和餐饮业',
  I: '信息传输、软件和信息技术服务业',
  J: '金融业',
  K: '房地产业',
  L: '租赁和商务服务业',
  M: '科学研究和技术服务业',
  N: '水利、环境和公共设施管理业',
  O: '居民服务、修理和其他服务业',
  P: '教育',
  Q: '卫生和社会工作',
  R: '文化、体育和娱乐业',
  S: '公共管理、社会保障和社会组织',
  T: '国际组织',
};
/** Section from its letter (any case) or its Chinese name (punctuation-insensitive). */
export function industryFromLabel(label: string): IndustrySection | null {
  const t = label.trim();
  const upper = t.toUpperCase();
  if (Object.prototype.hasOwnProperty.call(INDUSTRY_LABELS, upper)) return upper as IndustrySection;
  const key = (s: string): string => s.replace(/[、，,\s]/g, '');
  for (const code of codesOf(INDUSTRY_LABELS)) {
    if (key(INDUSTRY_LABELS[code]) === key(t)) return code;
  }
  return null;
}

// --- roles ----------------------------------------------------------------------------------

export type Role = 'city_office' | 'reporter' | 'unit_head' | 'leader' | 'supervisor' | 'admin';
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  city_office: '市招商办',
  reporter: '单位填报员',
  unit_head: '单位负责人',
  leader: '领导',
  supervisor: '督查',
  admin: '系统管理员',
};
export const roleFromLabel = withAliases(ROLE_LABELS, {
  填报员: 'reporter',
  管理员: 'admin',
  督查室: 'supervisor',
});
