// Every write calls `audit` inside its own transaction, so the record and its trail commit together.
import type { Tx } from '../../db/database';
import type { Actor } from '../auth/actor';

export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'move'
  | 'submit'
  | 'approve'
  | 'verify'
  | 'return'
  | 'lock'
  | 'unlock'
  | 'import'
  | 'login'
  | 'logout'
  | 'revoke'
  | 'setup'
  | 'demo'
  | 'password'
  | 'upload';

export interface AuditInput {
  action: AuditAction;
  entity: string;
  entityId?: string | number | null;
  unitCode?: string | null;
  summary?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Kept here for the modules that read the clock with the audit; the clock itself is src/db/clock.ts. */
import { nowIso } from '../../db/clock';
export { nowIso };

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export async function audit(tx: Tx, actor: Actor, a: AuditInput): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      at: nowIso(),
      actor_id: actor.userId,
      actor_name: actor.name,
      action: a.action,
      entity: a.entity,
      entity_id: a.entityId === undefined || a.entityId === null ? null : String(a.entityId),
      unit_code: a.unitCode ?? null,
      summary: a.summary ? a.summary.slice(0, 300) : null,
      before_json: json(a.before),
      after_json: json(a.after),
    })
    .execute();
}

/** Many rows at once (imports): one statement per chunk instead of one per row. */
export async function auditMany(tx: Tx, actor: Actor, rows: AuditInput[]): Promise<void> {
  const at = nowIso();
  for (let i = 0; i < rows.length; i += 200) {
    await tx
      .insertInto('audit_log')
      .values(
        rows.slice(i, i + 200).map((a) => ({
          at,
          actor_id: actor.userId,
          actor_name: actor.name,
          action: a.action,
          entity: a.entity,
          entity_id: a.entityId === undefined || a.entityId === null ? null : String(a.entityId),
          unit_code: a.unitCode ?? null,
          summary: a.summary ? a.summary.slice(0, 300) : null,
          before_json: json(a.before),
          after_json: json(a.after),
        })),
      )
      .execute();
  }
}
