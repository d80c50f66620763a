// The clock of the whole app: timestamps are ISO text on both databases (see schema.ts). One place,
// so infrastructure (db, jobs, server) and modules read time the same way and tests can reason about it.
export const nowIso = (): string => new Date().toISOString();
