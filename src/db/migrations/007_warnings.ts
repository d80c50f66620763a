// Frozen in time: never import app code here. A later change is a new migration.
// Warnings computed by the daily rules run (kept in history once cleared), the runs themselves,
// and supervision tasks (督办) with their rounds of feedback, verification and interviews.
import { sql, type Kysely, type ColumnDefinitionBuilder } from 'kysely';

export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const pg = dialect === 'postgres';
  const id = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const idType = pg ? 'bigserial' : 'integer';

  await db.schema
    .createTable('warnings')
    .addColumn('id', idType, id)
    .addColumn('rule', 'varchar(40)', (c) => c.notNull())
    .addColumn('subject_key', 'varchar(80)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('project_id', 'bigint')
    .addColumn('project_code', 'varchar(64)')
    .addColumn('project_name', 'varchar(200)')
    .addColumn('owner', 'varchar(100)')
    .addColumn('level', 'varchar(8)', (c) => c.notNull())
    .addColumn('peak_level', 'varchar(8)', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('measure', 'double precision')
    .addColumn('first_seen', 'varchar(10)', (c) => c.notNull())
    .addColumn('last_seen', 'varchar(10)', (c) => c.notNull())
    .addColumn('cleared_at', 'varchar(10)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  // One open warning per rule and subject; cleared ones stay as history.
  await sql`CREATE UNIQUE INDEX warnings_open_subject ON warnings (rule, subject_key) WHERE cleared_at IS NULL`.execute(db);
  await db.schema.createIndex('warnings_unit').on('warnings').columns(['unit_code', 'cleared_at']).execute();

  await db.schema
    .createTable('warning_runs')
    .addColumn('id', idType, id)
    .addColumn('as_of', 'varchar(10)', (c) => c.notNull())
    .addColumn('trigger', 'varchar(16)', (c) => c.notNull())
    .addColumn('actor_name', 'varchar(100)')
    .addColumn('open_count', 'integer', (c) => c.notNull())
    .addColumn('raised_count', 'integer', (c) => c.notNull())
    .addColumn('cleared_count', 'integer', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('supervision_tasks')
    .addColumn('id', idType, id)
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('content', 'text')
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull().references('units.code').onUpdate('cascade'))
    .addColumn('assignee', 'varchar(100)')
    .addColumn('deadline', 'varchar(10)', (c) => c.notNull())
    .addColumn('warning_id', 'bigint')
    .addColumn('project_id', 'bigint')
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    // open → answered (unit fed back) → closed (verified); a rejected answer reopens it
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('raised_by', 'bigint')
    .addColumn('raised_by_name', 'varchar(100)')
    .addColumn('closed_on', 'varchar(10)')
    // a meeting decision (议定事项) of the dispatch meeting of this period, tracked like a task
    .addColumn('meeting_period', 'varchar(7)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervision_tasks_unit').on('supervision_tasks').columns(['unit_code', 'status']).execute();

  await db.schema
    .createTable('supervision_events')
    .addColumn('id', idType, id)
    .addColumn('task_id', 'bigint', (c) => c.notNull().references('supervision_tasks.id').onDelete('cascade'))
    // feedback (unit) · reject / close (supervisor) · interview (约谈 record)
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'bigint')
    .addColumn('actor_name', 'varchar(100)')
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervision_events_task').on('supervision_events').column('task_id').execute();

  await db.schema.createIndex('supervision_tasks_meeting').on('supervision_tasks').column('meeting_period').execute();

  // The policy register (政策库), the projects that used a policy, and review campaign decisions.
  await db.schema
    .createTable('policies')
    .addColumn('id', idType, id)
    .addColumn('doc_number', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('issuer', 'varchar(100)', (c) => c.notNull())
    .addColumn('issued_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('expires_on', 'varchar(10)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('review_due', 'varchar(10)')
    .addColumn('summary', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('policy_projects')
    .addColumn('policy_id', 'bigint', (c) => c.notNull().references('policies.id').onDelete('cascade'))
    .addColumn('project_id', 'bigint', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('policy_projects_pk', ['policy_id', 'project_id'])
    .execute();
  await db.schema
    .createTable('policy_reviews')
    .addColumn('id', idType, id)
    .addColumn('campaign', 'varchar(32)', (c) => c.notNull())
    .addColumn('policy_id', 'bigint', (c) => c.notNull().references('policies.id').onDelete('cascade'))
    .addColumn('decision', 'varchar(16)', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_by_name', 'varchar(100)')
    .addColumn('decided_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('policy_reviews_campaign_policy', ['campaign', 'policy_id'])
    .execute();

  // 首报首谈: the city office's decision which unit leads when two units registered one investor.
  await db.schema
    .createTable('lead_decisions')
    .addColumn('id', idType, id)
    .addColumn('pair_key', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('lead_unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_by_name', 'varchar(100)')
    .addColumn('decided_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}
