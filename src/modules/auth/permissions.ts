// Who may do what. Data scope (which unit's records) is separate: see scope.ts.
import type { Role } from '../../contracts/common';

export type Permission =
  | 'business.read' // projects, investors, funds, stats of the scope
  | 'project.write'
  | 'fund.write'
  | 'submission.submit'
  | 'submission.approve'
  | 'fund.verify'
  | 'period.lock'
  | 'exchange_rate.write'
  | 'target.write'
  | 'activity.write'
  | 'reserve.write'
  | 'ledger.import'
  | 'ledger.export'
  | 'report.read'
  | 'supervision.write'
  | 'policy.write' // the policy register (政策库) and its review campaigns
  | 'lead.decide' // 首报首谈: which unit leads when two units registered one investor
  | 'settings.write'
  | 'unit.write'
  | 'user.manage'
  | 'audit.read'
  | 'token.manage'
  | 'demo.load'
  | 'webhook.manage'; // group-robot webhooks and the daily digest (addresses are secrets)

const ALL: Permission[] = [
  'business.read',
  'project.write',
  'fund.write',
  'submission.submit',
  'submission.approve',
  'fund.verify',
  'period.lock',
  'exchange_rate.write',
  'target.write',
  'activity.write',
  'reserve.write',
  'ledger.import',
  'ledger.export',
  'report.read',
  'supervision.write',
  'policy.write',
  'lead.decide',
  'webhook.manage',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  city_office: ALL,
  reporter: [
    'business.read',
    'project.write',
    'fund.write',
    'submission.submit',
    'activity.write',
    'reserve.write',
    'ledger.export',
    'report.read',
  ],
  unit_head: [
    'business.read',
    'project.write',
    'fund.write',
    'submission.submit',
    'submission.approve',
    'activity.write',
    'reserve.write',
    'ledger.export',
    'report.read',
  ],
  leader: ['business.read', 'report.read', 'ledger.export'],
  supervisor: ['business.read', 'report.read', 'supervision.write', 'ledger.export'],
  admin: [
    'settings.write',
    'unit.write',
    'user.manage',
    'audit.read',
    'token.manage',
    'demo.load',
    'business.read',
    'report.read',
    'webhook.manage',
  ],
};

/** Roles whose data scope is the whole city; the others see their own unit only. */
export const CITY_WIDE_ROLES: readonly Role[] = ['city_office', 'leader', 'supervisor', 'admin'];

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const s = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r]) s.add(p);
  return s;
}
