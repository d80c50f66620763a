import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { forecastQuerySchema, forecastSchema, pipelineAnalyticsSchema, pipelineQuerySchema } from '../../contracts/forecast';
import { actorOf } from '../../server/auth';
import { forecast } from './forecast.service';
import { pipelineAnalytics } from './pipeline.service';

export const forecastRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['预测 forecast'];
  const config = { permission: 'business.read' as const };
  app.get(
    '/forecast',
    {
      config,
      schema: {
        tags,
        summary: '全年到位资金预测（已核实口径，只用截至报告期末的数据）：预计值、80%区间、完成确保/力争目标的概率、回测误差',
        querystring: forecastQuerySchema,
        response: { 200: forecastSchema },
      },
    },
    async (req) => forecast(app.db, actorOf(req), req.query),
  );

  app.get(
    '/forecast/pipeline',
    {
      config,
      schema: {
        tags,
        summary: '项目推进分析：各阶段转化率、停留天数（中位数与四分位）、终止项目及原因',
        querystring: pipelineQuerySchema,
        response: { 200: pipelineAnalyticsSchema },
      },
    },
    async (req) => pipelineAnalytics(app.db, actorOf(req), req.query),
  );
};
