import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const investorsRoutes: FastifyPluginAsyncZod = async (_app) => {};
