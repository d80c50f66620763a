import { createDb } from '../db/database';
import { migrate } from '../db/migrate';
import { loadConfig } from '../config';
import { buildApp } from './app';
import { startJobs } from '../jobs/scheduler';

export async function serve(): Promise<void> {
  const config = loadConfig();
  const db = createDb(config.databaseUrl, { authCacheMs: config.authCacheMs, figuresCacheMs: config.figuresCacheMs });
  await migrate(db);
  const app = await buildApp({ db, config, logger: true });
  const stopJobs = config.jobs ? startJobs(db, app.log) : () => {};
  const close = async () => {
    stopJobs();
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`招商引资调度平台已启动：http://localhost:${config.port}  API 文档：http://localhost:${config.port}/docs`);
}
