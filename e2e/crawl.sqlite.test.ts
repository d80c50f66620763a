// Journey [K] on SQLite: see crawl.ts.
import { crawlOn } from './crawl';

crawlOn('sqlite');
