import { describe, expect, it } from 'vitest';
import {
  ALL_STAGES,
  STAGES,
  STAGE_LABELS,
  STAGE_LEDGER_LABELS,
  dateFieldForStage,
  isBackward,
  isReopen,
  stageFromLedgerLabel,
  validateStageMove,
  type Stage,
} from './stages';

describe('stage lists and labels', () => {
  it('orders the pipeline and keeps dropped outside it', () => {
    expect(STAGES).toEqual(['lead', 'negotiating', 'intent', 'agreement', 'contract', 'started', 'operating']);
    expect(ALL_STAGES).toHaveLength(8);
    expect(ALL_STAGES[7]).toBe('dropped');
  });
  it('has UI and ledger labels', () => {
    expect(STAGE_LABELS.lead).toBe('线索');
    expect(STAGE_LABELS.contract).toBe('合同签约');
    expect(Object.values(STAGE_LEDGER_LABELS)).toEqual(['线索', '在谈', '意向', '协议', '合同', '开工', '投产', '终止']);
  });
  it('reads ledger labels back', () => {
    for (const stage of ALL_STAGES) expect(stageFromLedgerLabel(STAGE_LEDGER_LABELS[stage])).toBe(stage);
    expect(stageFromLedgerLabel(' 合同签约 ')).toBe('contract');
    expect(stageFromLedgerLabel('已建立联系')).toBe('lead');
    expect(stageFromLedgerLabel('started')).toBe('started');
    expect(stageFromLedgerLabel('洽谈')).toBeNull();
  });
});

describe('isBackward / isReopen / dateFieldForStage', () => {
  it('detects backward moves along the pipeline only', () => {
    expect(isBackward('contract', 'agreement')).toBe(true);
    expect(isBackward('operating', 'lead')).toBe(true);
    expect(isBackward('lead', 'operating')).toBe(false);
    expect(isBackward('intent', 'dropped')).toBe(false);
    expect(isBackward('dropped', 'lead')).toBe(false);
    expect(isReopen('dropped', 'lead')).toBe(true);
    expect(isReopen('lead', 'dropped')).toBe(false);
  });
  it('names the date field a stage needs', () => {
    expect(dateFieldForStage('contract')).toBe('contractDate');
    expect(dateFieldForStage('started')).toBe('startDate');
    expect(dateFieldForStage('operating')).toBe('operatingDate');
    expect(dateFieldForStage('agreement')).toBeNull();
    expect(dateFieldForStage('dropped')).toBeNull();
  });
});

describe('validateStageMove', () => {
  it('allows forward moves, skipping stages', () => {
    expect(validateStageMove('lead', 'negotiating', {})).toEqual({ ok: true, backward: false });
    expect(validateStageMove('lead', 'agreement', { date: null, reason: null })).toEqual({ ok: true, backward: false });
    expect(validateStageMove('negotiating', 'contract', { date: '2026-05-17' })).toEqual({ ok: true, backward: false });
    expect(validateStageMove('lead', 'operating', { date: '2026-05-17' })).toEqual({ ok: true, backward: false });
  });
  it('refuses staying in the same stage', () => {
    const r = validateStageMove('intent', 'intent', { reason: 'x' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ field: 'to', message: '项目已处于“意向”阶段，请选择其他阶段' }]);
  });
  it('needs a valid date for contract, started and operating', () => {
    for (const to of ['contract', 'started', 'operating'] as Stage[]) {
      const r = validateStageMove('lead', to, {});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(['date']);
    }
    const missing = validateStageMove('agreement', 'contract', { date: '  ' });
    expect(missing).toEqual({ ok: false, errors: [{ field: 'date', message: '进入“合同签约”阶段须填写签约日期' }] });
    const bad = validateStageMove('contract', 'started', { date: '2026-02-30' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]?.message).toContain('开工日期“2026-02-30”不是有效日期');
  });
  it('needs a reason to drop', () => {
    expect(validateStageMove('intent', 'dropped', {})).toEqual({
      ok: false,
      errors: [{ field: 'reason', message: '终止项目须填写终止原因' }],
    });
    expect(validateStageMove('intent', 'dropped', { reason: '投资方撤资' })).toEqual({ ok: true, backward: false });
  });
  it('needs a reason to move backward, and reports it', () => {
    const r = validateStageMove('contract', 'agreement', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ field: 'reason', message: '从“合同签约”退回到“协议”须填写退回原因' }]);
    expect(validateStageMove('contract', 'agreement', { reason: '合同解除重谈' })).toEqual({ ok: true, backward: true });
  });
  it('needs a reason to reopen a dropped project, and a date when the stage needs one', () => {
    const r = validateStageMove('dropped', 'started', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field).sort()).toEqual(['date', 'reason']);
    expect(validateStageMove('dropped', 'negotiating', { reason: '重新接洽' })).toEqual({ ok: true, backward: false });
  });
  it('refuses an unknown stage coming from outside', () => {
    const r = validateStageMove('lead', 'signed' as Stage, {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.field).toBe('to');
  });
});
