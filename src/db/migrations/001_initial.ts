// Frozen in time: never import app code here. A later change is a new migration.
import { sql, type Kysely, type ColumnDefinitionBuilder } from 'kysely';

type Db = Kysely<unknown>;

export async function up(db: Db, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const pg = dialect === 'postgres';
  const id = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const idType = pg ? 'bigserial' : 'integer';
  const big = 'bigint';
  const blob = pg ? sql`bytea` : sql`blob`;
  const now = (c: ColumnDefinitionBuilder) => c.notNull();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'varchar(32)', now)
    .execute();

  await db.schema
    .createTable('units')
    .addColumn('id', idType, id)
    .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', now)
    .addColumn('updated_at', 'varchar(32)', now)
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', idType, id)
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    // one or more roles, comma-separated (ADR 0001)
    .addColumn('role', 'varchar(120)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.references('units.code').onUpdate('cascade'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', now)
    .addColumn('updated_at', 'varchar(32)', now)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', big, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', now)
    .addColumn('expires_at', 'varchar(32)', now)
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(300)')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', idType, id)
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.references('units.code').onUpdate('cascade'))
    .addColumn('created_by', big, (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', now)
    .addColumn('last_used_at', 'varchar(32)')
    .addColumn('revoked_at', 'varchar(32)')
    .execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', idType, id)
    .addColumn('key', 'varchar(200)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', now)
    .execute();
  await db.schema.createIndex('login_attempts_key').on('login_attempts').columns(['key', 'at']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', idType, id)
    .addColumn('at', 'varchar(32)', now)
    .addColumn('actor_id', big)
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('entity', 'varchar(32)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(64)')
    .addColumn('unit_code', 'varchar(32)')
    .addColumn('summary', 'varchar(300)')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('audit_at').on('audit_log').column('at').execute();

  await db.schema
    .createTable('investors')
    .addColumn('id', idType, id)
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('credit_code', 'varchar(18)', (c) => c.unique())
    .addColumn('origin_input', 'varchar(100)')
    .addColumn('origin_code', 'varchar(16)')
    .addColumn('origin_name', 'varchar(100)')
    .addColumn('origin_kind', 'varchar(16)')
    .addColumn('origin_scope', 'varchar(16)')
    .addColumn('ownership', 'varchar(16)')
    .addColumn('industry', 'varchar(8)')
    .addColumn('contacts_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('notes', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', now)
    .addColumn('updated_at', 'varchar(32)', now)
    .execute();
  await db.schema.createIndex('investors_name').on('investors').column('name').execute();

  await db.schema
    .createTable('projects')
    .addColumn('id', idType, id)
    .addColumn('code', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull().references('units.code').onUpdate('cascade'))
    .addColumn('owner', 'varchar(100)')
    .addColumn('sponsor', 'varchar(100)')
    .addColumn('investor_id', big, (c) => c.references('investors.id'))
    .addColumn('industry', 'varchar(100)')
    .addColumn('project_type', 'varchar(16)')
    .addColumn('total_investment_yuan', big, (c) => c.notNull().defaultTo(0))
    .addColumn('foreign_usd', big, (c) => c.notNull().defaultTo(0))
    .addColumn('location', 'varchar(200)')
    .addColumn('land_area_mu', 'varchar(32)')
    .addColumn('annual_output_yuan', big)
    .addColumn('annual_tax_yuan', big)
    .addColumn('jobs', 'integer')
    .addColumn('source_activity_id', big)
    .addColumn('channel', 'varchar(32)')
    .addColumn('serving_unit_code', 'varchar(32)')
    .addColumn('tags_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('stage', 'varchar(16)', (c) => c.notNull())
    .addColumn('registered_on', 'varchar(10)')
    .addColumn('agreement_date', 'varchar(10)')
    .addColumn('agreement_due_date', 'varchar(10)')
    .addColumn('contract_date', 'varchar(10)')
    .addColumn('start_date', 'varchar(10)')
    .addColumn('operating_date', 'varchar(10)')
    .addColumn('dropped_reason', 'text')
    .addColumn('assessed_on', 'varchar(10)')
    .addColumn('last_follow_up_on', 'varchar(10)')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', now)
    .addColumn('updated_at', 'varchar(32)', now)
    .execute();
  await db.schema.createIndex('projects_unit_stage').on('projects').columns(['unit_code', 'stage']).execute();
  await db.schema.createIndex('projects_contract_date').on('projects').column('contract_date').execute();
  await db.schema.createIndex('projects_investor').on('projects').column('investor_id').execute();

  await db.schema
    .createTable('stage_moves')
    .addColumn('id', idType, id)
    .addColumn('project_id', big, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('from_stage', 'varchar(16)')
    .addColumn('to_stage', 'varchar(16)', (c) => c.notNull())
    .addColumn('moved_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('actor_id', big)
    .addColumn('actor_name', 'varchar(100)')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'varchar(32)', now)
    .execute();
  await db.schema.createIndex('stage_moves_project').on('stage_moves').column('project_id').execute();

  await db.schema
    .createTable('follow_ups')
    .addColumn('id', idType, id)
    .addColumn('project_id', big, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('participants', 'varchar(300)')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('next_step', 'text')
    .addColumn('next_date', 'varchar(10)')
    .addColumn('created_by', big)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', now)
    .addColumn('updated_at', 'varchar(32)', now)
    .execute();
  await db.schema.createIndex('follow_ups_project').on('follow_ups').columns(['project_id', 'date']).execute();

  await db.schema
    .createTable('blockers')
    .addColumn('id', idType, id)
    .addColumn('project_id', big, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('coordinating_dept', 'varchar(100)')
    .addColumn('due_date', 'varchar(10)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('resolved_on', 'varchar(10)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', now)
    .addColumn('updated_at', 'varchar(32)', now)
    .execute();
  await db.schema.createIndex('blockers_project').on('blockers').column('project_id').execute();

  await db.schema
    .createTable('commitments')
    .addColumn('id', idType, id)
    .addColumn('project_id', big, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('fulfilled_on', 'varchar(10)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', now)
    .addColumn('updated_at', 'varchar(32)', now)
    .execute();
  await db.schema.createIndex('commitments_project').on('commitments').column('project_id').execute();

  await db.schema
    .createTable('approval_items')
    .addColumn('id', idType, id)
    .addColumn('project_id', big, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('applied_on', 'varchar(10)')
    .addColumn('approved_on', 'varchar(10)')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', now)
    .addColumn('updated_at', 'varchar(32)', now)
    .execute();
  await db.schema.createIndex('approval_items_project').on('approval_items').column('project_id').execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', idType, id)
    .addColumn('owner_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('owner_id', big, (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)')
    .addColumn('filename', 'varchar(255)', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', blob, (c) => c.notNull())
    .addColumn('created_by', big)
    .addColumn('created_at', 'varchar(32)', now)
    .execute();
  await db.schema.createIndex('attachments_owner').on('attachments').columns(['owner_type', 'owner_id']).execute();

  await db.schema
    .createTable('fund_entries')
    .addColumn('id', idType, id)
    .addColumn('project_id', big, (c) => c.notNull().references('projects.id'))
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('period', 'varchar(7)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull().defaultTo('regular'))
    .addColumn('amount_yuan', big, (c) => c.notNull())
    .addColumn('foreign_usd', big, (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('returned_reason', 'text')
    .addColumn('adjusts_period', 'varchar(7)')
    .addColumn('created_by', big)
    .addColumn('verified_by', big)
    .addColumn('verified_at', 'varchar(32)')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', now)
    .addColumn('updated_at', 'varchar(32)', now)
    .addUniqueConstraint('fund_entries_project_period_kind', ['project_id', 'period', 'kind'])
    .execute();
  // Statistics read by (status, year, month) and by unit; these keep them index-only scans.
  await db.schema
    .createIndex('fund_entries_stats')
    .on('fund_entries')
    .columns(['year', 'status', 'month', 'unit_code', 'project_id', 'amount_yuan', 'foreign_usd'])
    .execute();
  await db.schema.createIndex('fund_entries_unit_period').on('fund_entries').columns(['unit_code', 'period']).execute();

  await db.schema
    .createTable('submissions')
    .addColumn('id', idType, id)
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull().references('units.code').onUpdate('cascade'))
    .addColumn('period', 'varchar(7)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('submitted_by', big)
    .addColumn('submitted_at', 'varchar(32)')
    .addColumn('approved_by', big)
    .addColumn('approved_at', 'varchar(32)')
    .addColumn('returned_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', now)
    .addColumn('updated_at', 'varchar(32)', now)
    .addUniqueConstraint('submissions_unit_period', ['unit_code', 'period'])
    .execute();

  await db.schema
    .createTable('period_locks')
    .addColumn('period', 'varchar(7)', (c) => c.primaryKey())
    .addColumn('locked_by', big)
    .addColumn('locked_at', 'varchar(32)', now)
    .addColumn('note', 'text')
    .execute();

  await db.schema
    .createTable('exchange_rates')
    .addColumn('period', 'varchar(7)', (c) => c.primaryKey())
    // CNY per USD × 10 000, kept as an integer like every other stored number.
    .addColumn('cny_per_usd_e4', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'varchar(32)', now)
    .execute();

  await db.schema
    .createTable('targets')
    .addColumn('id', idType, id)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull().references('units.code').onUpdate('cascade'))
    .addColumn('indicator', 'varchar(16)', (c) => c.notNull())
    // 元 for funds, USD for foreign, a count for contracts.
    .addColumn('base_value', big, (c) => c.notNull())
    .addColumn('stretch_value', big)
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', now)
    .addColumn('updated_at', 'varchar(32)', now)
    .addUniqueConstraint('targets_year_unit_indicator', ['year', 'unit_code', 'indicator'])
    .execute();

  await db.schema
    .createTable('target_splits')
    .addColumn('id', idType, id)
    .addColumn('target_id', big, (c) => c.notNull().references('targets.id').onDelete('cascade'))
    .addColumn('assignee', 'varchar(100)', (c) => c.notNull())
    .addColumn('base_value', big, (c) => c.notNull())
    .addColumn('stretch_value', big)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', now)
    .addColumn('updated_at', 'varchar(32)', now)
    .execute();

  await db.schema
    .createTable('activities')
    .addColumn('id', idType, id)
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('start_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('end_date', 'varchar(10)')
    .addColumn('destination', 'varchar(200)')
    .addColumn('unit_code', 'varchar(32)', (c) => c.references('units.code').onUpdate('cascade'))
    .addColumn('person_times', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', now)
    .addColumn('updated_at', 'varchar(32)', now)
    .addUniqueConstraint('activities_name_start', ['name', 'start_date'])
    .execute();
  await db.schema.createIndex('activities_kind_start').on('activities').columns(['kind', 'start_date']).execute();

  await db.schema
    .createTable('activity_projects')
    .addColumn('activity_id', big, (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('project_id', big, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('activity_projects_pk', ['activity_id', 'project_id'])
    .execute();

  await db.schema
    .createTable('reserve_projects')
    .addColumn('id', idType, id)
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull().references('units.code').onUpdate('cascade'))
    .addColumn('industry', 'varchar(100)')
    .addColumn('total_investment_yuan', big, (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', now)
    .addColumn('updated_at', 'varchar(32)', now)
    .addUniqueConstraint('reserve_projects_name_unit', ['name', 'unit_code'])
    .execute();

  // Scheduled jobs take this lock so that one instance among several runs each job.
  await db.schema
    .createTable('job_locks')
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('holder', 'varchar(100)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('saved_filters')
    .addColumn('id', idType, id)
    .addColumn('user_id', big, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('scope', 'varchar(32)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('query_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', now)
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('filename', 'varchar(255)', (c) => c.notNull())
    .addColumn('data', blob, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'varchar(32)', now)
    .execute();
}
