// Journey [K] on PostgreSQL (when TEST_PG_URL is set): see crawl.ts.
import { describe, it } from 'vitest';
import { DB_KINDS } from '../src/test/harness';
import { crawlOn } from './crawl';

if (DB_KINDS.includes('postgres')) crawlOn('postgres');
else describe.skip('crawl on postgres (TEST_PG_URL is not set)', () => it('runs with TEST_PG_URL', () => {}));
