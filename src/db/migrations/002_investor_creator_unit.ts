// Frozen in time: never import app code here. A later change is a new migration.
// Investors remember the unit whose user registered them, so unit users see the investors they
// created even before a project links them (docs/adr/0002-investor-visibility.md).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>, _dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema.alterTable('investors').addColumn('created_by_unit', 'varchar(32)').execute();
  await db.schema.createIndex('investors_created_by_unit').on('investors').column('created_by_unit').execute();
  await db.schema.createIndex('projects_last_follow_up').on('projects').column('last_follow_up_on').execute();
}
