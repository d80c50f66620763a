// Funds in place and the monthly reporting cycle, split along its seams: period locks, exchange
// rates, fund entries (with their evidence) and monthly submissions. Kept as one import for callers.
export * from './period-locks.service';
export * from './exchange-rates.service';
export * from './fund-entries.service';
export * from './submissions.service';
