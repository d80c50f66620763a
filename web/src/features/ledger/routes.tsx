import type { FeatureRoute } from '../../app/feature';

export const routes: FeatureRoute[] = [];
