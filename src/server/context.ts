import type { Db } from '../db/database';
import type { Config } from '../config';
import type { Actor } from '../modules/auth/actor';
import type { Permission } from '../modules/auth/permissions';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    routeList: { method: string; url: string }[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** session CSRF token, when the request came with a session cookie */
    csrf: string | null;
    /** login name and unit name of a session's user (for /auth/me without another query) */
    who: { username: string; unitName: string | null } | null;
  }
  interface FastifyContextConfig {
    /** true: reachable without signing in */
    public?: boolean;
    /** required permission; routes without one only need a signed-in user */
    permission?: Permission;
  }
}

export {};
