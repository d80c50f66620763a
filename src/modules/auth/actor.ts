import type { Role } from '../../contracts/common';
import { CITY_WIDE_ROLES, permissionsOf, type Permission } from './permissions';
import { AppError } from '../../domain/errors';

/** Who is acting: a signed-in user, an API token, or the system (CLI, jobs). */
export interface Actor {
  userId: number | null;
  name: string;
  roles: Role[];
  unitCode: string | null;
  via: 'session' | 'token' | 'system';
  permissions: Set<Permission>;
  /** Set when an API token acts: the token is its own identity (userId stays null), never its creator. */
  tokenId?: number;
}

export function makeActor(a: Omit<Actor, 'permissions'>): Actor {
  return { ...a, permissions: permissionsOf(a.roles) };
}

export const SYSTEM_ACTOR: Actor = makeActor({
  userId: null,
  name: '系统',
  roles: ['admin', 'city_office'],
  unitCode: null,
  via: 'system',
});

export function isCityWide(actor: Actor): boolean {
  return actor.roles.some((r) => CITY_WIDE_ROLES.includes(r));
}

export function can(actor: Actor, p: Permission): boolean {
  return actor.permissions.has(p);
}

export function requirePermission(actor: Actor, p: Permission): void {
  if (!can(actor, p)) throw new AppError('forbidden', '您的角色无权进行此操作；如需办理，请联系市招商办或系统管理员');
}

export function parseRoles(s: string): Role[] {
  return s.split(',').filter(Boolean) as Role[];
}
