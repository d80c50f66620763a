// English beside the Chinese code-list labels of src/domain and src/contracts. The Chinese is
// taken from those maps unchanged; render a pair with t(...pair), or with labelT for a code
// that may be missing from the map.
import { APPROVAL_KIND_LABELS, APPROVAL_STATUS_LABELS } from '../../../src/contracts/projects';
import { FUND_ENTRY_STATUS_TEXT, SUBMISSION_STATUS_TEXT } from '../../../src/contracts/funds';
import { LEDGER_PHASE_LABELS } from '../../../src/contracts/ledger';
import {
  FOLLOW_UP_KIND_LABELS,
  INDUSTRY_LABELS,
  OWNERSHIP_LABELS,
  PROJECT_TYPE_LABELS,
  PROMOTION_CHANNEL_LABELS,
  TARGET_INDICATOR_LABELS,
} from '../../../src/domain/labels';
import { STAGE_LABELS } from '../../../src/domain/stages';

export type Pair = [string, string];
export type TFn = (zh: string, en?: string) => string;

function pairs<K extends string>(zh: Readonly<Record<K, string>>, en: Readonly<Record<K, string>>): Record<K, Pair> {
  return Object.fromEntries((Object.keys(zh) as K[]).map((k) => [k, [zh[k], en[k] ?? zh[k]]])) as Record<K, Pair>;
}

/** The label of a code in the current language; the code itself when the map lacks it. */
export function labelT(t: TFn, map: Readonly<Record<string, Pair>>, code: string): string {
  const p = Object.prototype.hasOwnProperty.call(map, code) ? map[code] : undefined;
  return p ? t(...p) : code;
}

/** [value, label] options of a map, in declaration order. */
export function optionsT(t: TFn, map: Readonly<Record<string, Pair>>): { value: string; label: string }[] {
  return Object.entries(map).map(([value, p]) => ({ value, label: t(...p) }));
}

export const STAGE_NAMES = pairs(STAGE_LABELS, {
  lead: 'Lead',
  negotiating: 'Negotiating',
  intent: 'Intent',
  agreement: 'Agreement',
  contract: 'Contract signed',
  started: 'Started',
  operating: 'In operation',
  dropped: 'Dropped',
});

export const INDUSTRY_NAMES = pairs(INDUSTRY_LABELS, {
  A: 'Agriculture, forestry, animal husbandry and fishery',
  B: 'Mining',
  C: 'Manufacturing',
  D: 'Electricity, heat, gas and water supply',
  E: 'Construction',
  F: 'Wholesale and retail trade',
  G: 'Transport, storage and postal services',
  H: 'Accommodation and catering',
  I: 'Information transmission, software and IT services',
  J: 'Finance',
  K: 'Real estate',
  L: 'Leasing and business services',
  M: 'Scientific research and technical services',
  N: 'Water conservancy, environment and public facilities',
  O: 'Resident services, repair and other services',
  P: 'Education',
  Q: 'Health and social work',
  R: 'Culture, sports and entertainment',
  S: 'Public administration, social security and social organizations',
  T: 'International organizations',
});

export const OWNERSHIP_NAMES = pairs(OWNERSHIP_LABELS, {
  soe: 'State-owned',
  private: 'Private',
  foreign: 'Foreign-funded',
  hmt: 'HK/Macao/Taiwan',
  other: 'Other',
});

export const PROJECT_TYPE_NAMES = pairs(PROJECT_TYPE_LABELS, {
  industrial: 'Industrial',
  service: 'Services',
  agriculture: 'Agriculture',
  infrastructure: 'Infrastructure',
  other: 'Other',
});

export const FOLLOW_UP_KIND_NAMES = pairs(FOLLOW_UP_KIND_LABELS, {
  visit: 'Visit',
  call: 'Phone call',
  meeting: 'Meeting',
  negotiation: 'Negotiation',
  inspection: 'Site inspection',
});

export const PROMOTION_CHANNEL_NAMES = pairs(PROMOTION_CHANNEL_LABELS, {
  trip: 'Investment mission',
  park: 'Park-based',
  chain: 'Industry chain',
  professional: 'Professional agency',
  investor_referral: 'Investor referral',
  equity: 'Equity-based',
  other: 'Other',
});

export const APPROVAL_KIND_NAMES = pairs(APPROVAL_KIND_LABELS, {
  filing: 'Project filing',
  land: 'Land use',
  planning: 'Planning permit',
  environment: 'EIA',
  energy: 'Energy assessment',
  construction: 'Construction permit',
});

export const APPROVAL_STATUS_NAMES = pairs(APPROVAL_STATUS_LABELS, {
  pending: 'Not applied',
  applied: 'In progress',
  approved: 'Completed',
  not_needed: 'Not required',
});

export const FUND_ENTRY_STATUS_NAMES = pairs(FUND_ENTRY_STATUS_TEXT, {
  draft: 'Draft',
  submitted: 'Submitted · awaiting unit head',
  approved: 'Approved · awaiting city verification',
  verified: 'Verified',
  returned: 'Returned',
});

export const SUBMISSION_STATUS_NAMES = pairs(SUBMISSION_STATUS_TEXT, {
  not_started: 'Not started',
  draft: 'In progress · not submitted',
  submitted: 'Submitted · awaiting unit head',
  approved: 'Approved · awaiting city verification',
  returned: 'Returned · to resubmit',
});

export const LEDGER_PHASE_NAMES: Record<string, Pair> = pairs(LEDGER_PHASE_LABELS, {
  read: 'Reading file',
  check: 'Checking data',
  write: 'Writing to database',
  done: 'Done',
});

export const TARGET_INDICATOR_NAMES = pairs(TARGET_INDICATOR_LABELS, {
  funds: 'Funds in place',
  foreign: 'Foreign investment',
  contracts: 'Contracts signed',
});

/** Same labels as src/domain/origin.ts, kept here so the web does not load the region dataset. */
export const ORIGIN_SCOPE_NAMES: Record<string, Pair> = {
  local: ['本地', 'Local'],
  province: ['省内域外', 'Elsewhere in province'],
  domestic: ['省外', 'Other provinces'],
  abroad: ['境外', 'Overseas'],
};

/** Same labels as ORIGIN_GROUP_LABELS of src/domain/origin.ts. */
export const ORIGIN_GROUP_NAMES: Record<string, Pair> = {
  yrd: ['长三角', 'Yangtze River Delta'],
  prd: ['珠三角', 'Pearl River Delta'],
  jjj: ['京津冀', 'Beijing-Tianjin-Hebei'],
};

/** English of src/contracts/funds lockedMessage. */
export function lockedMessageEn(period: string): string {
  return `Period ${period} is locked (closed after the dispatch meeting). Enter an adjustment in an open period, or ask the city office to unlock it with a reason.`;
}

// --- money ----------------------------------------------------------------------------------

/** Money formats in the current language: the one formatter of web/src/shared/format.ts. */
export { useFormat as useMoney } from './format';

/** Roles, [中文, English]. */
export const ROLE_NAMES: Record<string, [string, string]> = {
  city_office: ['市招商办', 'City office'],
  reporter: ['单位填报员', 'Reporter'],
  unit_head: ['单位负责人', 'Unit head'],
  leader: ['领导', 'Leader'],
  supervisor: ['督查', 'Supervisor'],
  admin: ['系统管理员', 'Admin'],
};
