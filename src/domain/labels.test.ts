import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_KIND_LABELS,
  FUND_STATUS_LABELS,
  INDUSTRY_LABELS,
  OWNERSHIP_LABELS,
  PROJECT_TYPE_LABELS,
  PROMOTION_CHANNEL_LABELS,
  RESERVE_STATUS_LABELS,
  ROLE_LABELS,
  TARGET_INDICATOR_LABELS,
  TARGET_INDICATOR_UNITS,
  UNIT_KIND_LABELS,
  FOLLOW_UP_KIND_LABELS,
  activityKindFromLabel,
  codeOf,
  codesOf,
  followUpKindFromLabel,
  fundStatusFromLabel,
  industryFromLabel,
  labelOf,
  ownershipFromLabel,
  projectTypeFromLabel,
  promotionChannelFromLabel,
  reserveStatusFromLabel,
  roleFromLabel,
  targetIndicatorFromLabel,
  unitKindFromLabel,
} from './labels';

describe('labelOf / codeOf', () => {
  it('maps both ways and falls back sensibly', () => {
    expect(labelOf(UNIT_KIND_LABELS, 'zone')).toBe('开发区');
    expect(labelOf(UNIT_KIND_LABELS, 'unknown')).toBe('unknown');
    expect(labelOf(UNIT_KIND_LABELS, 'toString')).toBe('toString');
    expect(codeOf(UNIT_KIND_LABELS, ' 市直部门 ')).toBe('department');
    expect(codeOf(UNIT_KIND_LABELS, 'county')).toBe('county');
    expect(codeOf(UNIT_KIND_LABELS, '乡镇')).toBeNull();
    expect(codeOf(UNIT_KIND_LABELS, 'constructor')).toBeNull();
  });
});

describe('ledger label maps round-trip', () => {
  const cases: [Readonly<Record<string, string>>, (s: string) => string | null][] = [
    [UNIT_KIND_LABELS, unitKindFromLabel],
    [TARGET_INDICATOR_LABELS, targetIndicatorFromLabel],
    [PROJECT_TYPE_LABELS, projectTypeFromLabel],
    [FUND_STATUS_LABELS, fundStatusFromLabel],
    [RESERVE_STATUS_LABELS, reserveStatusFromLabel],
    [ACTIVITY_KIND_LABELS, activityKindFromLabel],
    [PROMOTION_CHANNEL_LABELS, promotionChannelFromLabel],
    [OWNERSHIP_LABELS, ownershipFromLabel],
    [FOLLOW_UP_KIND_LABELS, followUpKindFromLabel],
    [ROLE_LABELS, roleFromLabel],
  ];
  it('every label reads back to its code, and labels are unique', () => {
    for (const [map, from] of cases) {
      const labels = Object.values(map);
      expect(new Set(labels).size).toBe(labels.length);
      for (const code of codesOf(map)) expect(from(map[code] ?? '')).toBe(code);
    }
  });
});

describe('the ledger vocabulary of DESIGN.md', () => {
  it('unit kinds', () => {
    expect(['市', '县市区', '开发区', '市直部门'].map(unitKindFromLabel)).toEqual(['city', 'county', 'zone', 'department']);
  });
  it('target indicators and their units', () => {
    expect(['到位资金', '利用外资', '签约项目数'].map(targetIndicatorFromLabel)).toEqual(['funds', 'foreign', 'contracts']);
    expect(TARGET_INDICATOR_UNITS).toEqual({ funds: '万元', foreign: '万美元', contracts: '个' });
  });
  it('project types', () => {
    expect(['工业', '服务业', '农业', '基础设施', '其他'].map(projectTypeFromLabel)).toEqual([
      'industrial',
      'service',
      'agriculture',
      'infrastructure',
      'other',
    ]);
    expect(projectTypeFromLabel('其它')).toBe('other');
  });
  it('fund statuses, including 已报送', () => {
    expect(fundStatusFromLabel('待核实')).toBe('submitted');
    expect(fundStatusFromLabel('已报送')).toBe('submitted');
    expect(fundStatusFromLabel('已核实')).toBe('verified');
    expect(fundStatusFromLabel('作废')).toBeNull();
  });
  it('reserve statuses and activity kinds', () => {
    expect(['储备', '已推介', '已转化', '撤销'].map(reserveStatusFromLabel)).toEqual(['reserve', 'promoted', 'converted', 'withdrawn']);
    expect(['小分队', '代表团', '推介会', '签约活动'].map(activityKindFromLabel)).toEqual(['trip', 'delegation', 'event', 'signing']);
  });
  it('roles', () => {
    expect(ROLE_LABELS.city_office).toBe('市招商办');
    expect(roleFromLabel('单位负责人')).toBe('unit_head');
  });
});

describe('industries (GB/T 4754-2017 sections)', () => {
  it('has the 20 sections A–T', () => {
    expect(codesOf(INDUSTRY_LABELS)).toEqual('ABCDEFGHIJKLMNOPQRST'.split(''));
    expect(INDUSTRY_LABELS.C).toBe('制造业');
    expect(INDUSTRY_LABELS.I).toBe('信息传输、软件和信息技术服务业');
  });
  it('reads a letter or a name', () => {
    expect(industryFromLabel('c')).toBe('C');
    expect(industryFromLabel('制造业')).toBe('C');
    expect(industryFromLabel('农林牧渔业')).toBe('A');
    expect(industryFromLabel('汽车零部件')).toBeNull();
  });
});
