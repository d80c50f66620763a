// Frozen in time: never import app code here. A later change is a new migration.
// Activities and reserve projects get what issue 11 asks for: members, enterprises and their
// representatives, projects promoted and the trip report; a reserve project's packaging (location,
// market, advantages, expert review, cash-flow estimates, English texts, link to the pipeline
// project); the January roll-over decisions; investors' inquiries from the public page; and one-time
// links through which investors confirm or dispute commitments marked fulfilled.
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const pg = dialect === 'postgres';
  const idType = pg ? 'bigserial' : 'integer';
  const big = 'bigint';
  const id = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const now = (c: ColumnDefinitionBuilder) => c.notNull();

  for (const [name, type] of [
    ['members_json', 'text'],
    ['enterprises_json', 'text'],
    ['promoted_json', 'text'],
    ['report', 'text'],
    ['reported_on', 'varchar(10)'],
    ['created_by', big],
  ] as const)
    await db.schema.alterTable('activities').addColumn(name, type).execute();
  await db.schema.createIndex('activities_unit_start').on('activities').columns(['unit_code', 'start_date']).execute();
  await db.schema.createIndex('activity_projects_project').on('activity_projects').column('project_id').execute();

  for (const [name, type] of [
    ['location', 'varchar(200)'],
    ['market_outlook', 'text'],
    ['advantages', 'text'],
    ['name_en', 'varchar(200)'],
    ['description_en', 'text'],
    ['market_outlook_en', 'text'],
    ['advantages_en', 'text'],
    ['review_experts', 'text'],
    ['review_date', 'varchar(10)'],
    ['review_verdict', 'varchar(16)'],
    ['review_comments', 'text'],
    ['cashflow_json', 'text'],
    ['project_id', big],
    ['converted_on', 'varchar(10)'],
    ['promoted_on', 'varchar(10)'],
  ] as const)
    await db.schema.alterTable('reserve_projects').addColumn(name, type).execute();
  await db.schema.createIndex('reserve_projects_status').on('reserve_projects').column('status').execute();
  await db.schema.createIndex('reserve_projects_project').on('reserve_projects').column('project_id').execute();

  await db.schema
    .createTable('reserve_rollovers')
    .addColumn('id', idType, id)
    .addColumn('reserve_project_id', big, (c) => c.notNull().references('reserve_projects.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('decision', 'varchar(16)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actor_id', big)
    .addColumn('actor_name', 'varchar(100)')
    .addColumn('created_at', 'varchar(32)', now)
    .addUniqueConstraint('reserve_rollovers_one_per_year', ['reserve_project_id', 'year'])
    .execute();

  await db.schema
    .createTable('inquiries')
    .addColumn('id', idType, id)
    .addColumn('reserve_project_id', big)
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('company', 'varchar(100)')
    .addColumn('contact', 'varchar(100)', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('source_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('new'))
    .addColumn('answer', 'text')
    .addColumn('answered_at', 'varchar(32)')
    .addColumn('answered_by', big)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', now)
    .addColumn('updated_at', 'varchar(32)', now)
    .execute();
  await db.schema.createIndex('inquiries_status_created').on('inquiries').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('inquiries_source_created').on('inquiries').columns(['source_hash', 'created_at']).execute();

  // investor_check: null (not asked) · 'pending' (a link is out) · 'confirmed' · 'disputed' (→ supervision)
  await db.schema.alterTable('commitments').addColumn('investor_check', 'varchar(16)').execute();
  await db.schema.alterTable('commitments').addColumn('investor_comment', 'text').execute();
  await db.schema.alterTable('commitments').addColumn('investor_checked_at', 'varchar(32)').execute();
  await db.schema
    .createTable('commitment_links')
    .addColumn('id', idType, id)
    .addColumn('commitment_id', big, (c) => c.notNull().references('commitments.id').onDelete('cascade'))
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(32)')
    .addColumn('created_by', big)
    .addColumn('created_at', 'varchar(32)', now)
    .execute();
}
