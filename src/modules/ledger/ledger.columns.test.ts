import { describe, expect, it } from 'vitest';
import { LEDGER_HEADERS, LEDGER_REQUIRED, LEDGER_ORDER } from '../../contracts/ledger';
import { LEDGER_COLUMNS } from './ledger.columns';

describe('ledger column spec', () => {
  it('has exactly the contract headers of each sheet, in their order', () => {
    for (const key of LEDGER_ORDER) expect(Object.keys(LEDGER_COLUMNS[key]), key).toEqual([...LEDGER_HEADERS[key]]);
  });
  it('names only contract headers as required', () => {
    for (const key of LEDGER_ORDER) {
      for (const h of LEDGER_REQUIRED[key]) expect(LEDGER_HEADERS[key] as readonly string[], `${key}.${h}`).toContain(h);
    }
  });
});
