/**
 * The domain layer: pure rules shared by server and web (no I/O, no framework).
 * `origin` loads the region/country dataset (~240 KB JSON); web code that only needs scopes or
 * labels can import from './origin' lazily or from the other modules directly.
 */
export * from './money';
export * from './period';
export * from './creditCode';
export * from './origin';
export * from './stages';
export * from './labels';
export * from './stats';
