import { describe, expect, it } from 'vitest';
import { delegationSentence, destinationGroup, isReportOverdue, reportDueOn, signedSentence } from './activity';

describe('activity rules', () => {
  it('groups typed destinations into economic regions by the first place named', () => {
    expect(destinationGroup('江苏省苏州市、浙江省杭州市')).toBe('yrd');
    expect(destinationGroup('广东省深圳市')).toBe('prd');
    expect(destinationGroup('北京市、上海市')).toBe('jjj');
    expect(destinationGroup('吉林市')).toBe('other');
    expect(destinationGroup(null)).toBe('other');
  });
  it('a trip owes its report 15 days after return; an event owes none', () => {
    const trip = { kind: 'trip', startDate: '2026-03-01', endDate: '2026-03-04', reportedOn: null };
    expect(reportDueOn(trip)).toBe('2026-03-19');
    expect(isReportOverdue(trip, '2026-03-19')).toBe(false);
    expect(isReportOverdue(trip, '2026-03-20')).toBe(true);
    expect(isReportOverdue({ ...trip, reportedOn: '2026-03-10' }, '2026-04-01')).toBe(false);
    expect(isReportOverdue({ ...trip, kind: 'event' }, '2027-01-01')).toBe(false);
    expect(reportDueOn({ kind: 'delegation', startDate: '2026-05-30', endDate: null })).toBe('2026-06-14');
  });
  it("states the speech's sentences", () => {
    expect(signedSentence(12, 3_456_000_000)).toBe('共签约合同项目12个，引进资金达34.56亿元');
    expect(delegationSentence(8, 15)).toBe('8户企业的15名代表');
  });
});
