// Every module's routes, mounted under /api/v1. A new module adds one line here.
import type { FastifyInstance } from 'fastify';
import { authRoutes } from '../modules/auth/auth.routes';
import { usersRoutes } from '../modules/users/users.routes';
import { unitsRoutes } from '../modules/units/units.routes';
import { settingsRoutes } from '../modules/settings/settings.routes';
import { auditRoutes } from '../modules/audit/audit.routes';
import { setupRoutes } from '../modules/setup/setup.routes';
import { investorsRoutes } from '../modules/investors/investors.routes';
import { projectsRoutes } from '../modules/projects/projects.routes';
import { fundsRoutes } from '../modules/funds/funds.routes';
import { ledgerRoutes } from '../modules/ledger/ledger.routes';
import { targetsRoutes } from '../modules/targets/targets.routes';
import { statsRoutes } from '../modules/stats/stats.routes';
import { reportsRoutes } from '../modules/reports/reports.routes';
import { assessmentRoutes } from '../modules/assessment/assessment.routes';
import { revisionsRoutes } from '../modules/revisions/revisions.routes';
import { forecastRoutes } from '../modules/forecast/forecast.routes';
import { warningsRoutes } from '../modules/warnings/warnings.routes';
import { supervisionRoutes } from '../modules/supervision/supervision.routes';
import { inboxRoutes } from '../modules/inbox/inbox.routes';
import { policiesRoutes } from '../modules/policies/policies.routes';
import { activitiesRoutes } from '../modules/activities/activities.routes';
import { reserveRoutes } from '../modules/reserve/reserve.routes';
import { publicRoutes } from '../modules/public/public.routes';
import { lockChecklistRoutes } from '../modules/funds/lock-checklist';
import { notificationsRoutes } from '../modules/notifications/notifications.routes';

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(
    async (api) => {
      for (const plugin of [
        authRoutes,
        usersRoutes,
        unitsRoutes,
        settingsRoutes,
        auditRoutes,
        setupRoutes,
        investorsRoutes,
        projectsRoutes,
        fundsRoutes,
        ledgerRoutes,
        targetsRoutes,
        statsRoutes,
        reportsRoutes,
        assessmentRoutes,
        forecastRoutes,
        warningsRoutes,
        supervisionRoutes,
        inboxRoutes,
        policiesRoutes,
        activitiesRoutes,
        reserveRoutes,
        publicRoutes,
        lockChecklistRoutes,
        notificationsRoutes,
      ])
        await api.register(plugin);
      await api.register(revisionsRoutes);
    },
    { prefix: '/api/v1' },
  );
}
