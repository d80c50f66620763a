/** What the dashboard shows: a period, and one unit or the whole city. */
export type Scope = { period: string | undefined; unit: string | undefined };
