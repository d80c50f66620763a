import { lazy, type ComponentType } from 'react';

/** A page loaded on first visit, so the first screen does not wait for every feature (and ECharts). */
export function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
