// Every feature's routes, in one list. A new feature adds one import here; features never import each other.
import type { FeatureRoute } from '../shared/feature';
import { routes as home } from '../features/home/routes';
import { routes as dashboard } from '../features/dashboard/routes';
import { routes as projects } from '../features/projects/routes';
import { routes as investors } from '../features/investors/routes';
import { routes as funds } from '../features/funds/routes';
import { routes as ledger } from '../features/ledger/routes';
import { routes as targets } from '../features/targets/routes';
import { routes as reports } from '../features/reports/routes';
import { routes as assessment } from '../features/assessment/routes';
import { routes as units } from '../features/units/routes';
import { routes as users } from '../features/users/routes';
import { routes as settings } from '../features/settings/routes';
import { routes as audit } from '../features/audit/routes';
import { routes as forecast } from '../features/forecast/routes';
import { routes as warnings } from '../features/warnings/routes';
import { routes as supervision } from '../features/supervision/routes';
import { routes as inbox } from '../features/inbox/routes';
import { routes as policies } from '../features/policies/routes';
import { routes as revisions } from '../features/revisions/routes';
import { routes as activities } from '../features/activities/routes';
import { routes as reserve } from '../features/reserve/routes';
import { routes as notifications } from '../features/notifications/routes';

export const FEATURE_ROUTES: FeatureRoute[] = [
  ...home,
  ...dashboard,
  ...projects,
  ...investors,
  ...funds,
  ...ledger,
  ...targets,
  ...forecast,
  ...reports,
  ...assessment,
  ...units,
  ...users,
  ...settings,
  ...audit,
  ...warnings,
  ...supervision,
  ...inbox,
  ...policies,
  ...revisions,
  ...activities,
  ...reserve,
  ...notifications,
];
