import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const targetsRoutes: FastifyPluginAsyncZod = async (_app) => {};
