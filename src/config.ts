// Configuration, parsed once at start; a bad value stops the process with its name.
import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JOBS: z.enum(['on', 'off']).default('on'),
  // Which proxies may set X-Forwarded-For/-Proto: addresses or CIDRs, comma separated ('loopback' = 127.0.0.1/8, ::1).
  TRUST_PROXY: z.string().min(1).default('loopback'),
  // How long an instance may answer "who is this session" from memory; 0 reads the database every time.
  // Logout, deactivation, password and role changes empty every instance's cache at once (src/db/change-caches.ts).
  AUTH_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  // How long an open month's dashboard figures may be served from memory; any write empties it at once. 0 = off.
  FIGURES_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
});

export type Config = {
  databaseUrl: string;
  dataDir: string;
  port: number;
  host: string;
  sessionHours: number;
  cookieSecure: 'auto' | 'true' | 'false';
  logLevel: string;
  jobs: boolean;
  trustProxy: string;
  authCacheMs: number;
  figuresCacheMs: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = schema.safeParse(env);
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`配置有误 (configuration error): ${msg}`);
  }
  const e = r.data;
  return {
    databaseUrl: e.DATABASE_URL ?? path.join(e.DATA_DIR, 'zhaoshang.db'),
    dataDir: e.DATA_DIR,
    port: e.PORT,
    host: e.HOST,
    sessionHours: e.SESSION_HOURS,
    cookieSecure: e.COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
    jobs: e.JOBS === 'on',
    trustProxy: e.TRUST_PROXY,
    authCacheMs: e.AUTH_CACHE_MS,
    figuresCacheMs: e.FIGURES_CACHE_MS,
  };
}
