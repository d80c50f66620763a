import type { Me } from '../../../src/contracts/common';

export type HomeKind = 'city_office' | 'unit_head' | 'reporter' | 'supervisor' | 'dashboard';

/** Which home a person lands on: the first of their roles that has work of its own. */
export function homeKind(me: Pick<Me, 'roles'>): HomeKind {
  for (const r of ['city_office', 'unit_head', 'reporter', 'supervisor'] as const) if (me.roles.includes(r)) return r;
  return 'dashboard';
}
