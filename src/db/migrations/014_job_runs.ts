// Frozen in time: never import app code here. A later change is a new migration.
// Every run of a scheduled job is recorded (which instance, when, how it ended), so that an operator
// — and the several-instances test — can see that each job ran once per interval across instances.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const id = dialect === 'postgres' ? 'bigserial' : 'integer';
  await db.schema
    .createTable('job_runs')
    .addColumn('id', id as 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('holder', 'varchar(64)', (c) => c.notNull())
    .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)')
    .addColumn('ok', 'integer')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('job_runs_name_started').on('job_runs').columns(['name', 'started_at']).execute();
}
