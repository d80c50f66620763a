import type { ReactNode } from 'react';

/** What a feature folder contributes to the app: pages and their menu entries. */
export interface FeatureRoute {
  path: string; // relative to the app root, e.g. 'projects' or 'projects/:id'
  element: ReactNode;
  menu?: {
    group: 'overview' | 'pipeline' | 'funds' | 'dispatch' | 'system';
    order: number;
    label: [zh: string, en: string];
    icon?: ReactNode;
    /** shown only to users with this permission */
    permission?: string;
    /** shown only to users with one of these roles */
    roles?: string[];
    /** shown only to city-wide users (not to a unit's reporter or head) */
    cityWide?: boolean;
  };
}
