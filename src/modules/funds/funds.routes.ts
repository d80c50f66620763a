import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const fundsRoutes: FastifyPluginAsyncZod = async (_app) => {};
