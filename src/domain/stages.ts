/**
 * Project stages: lead → negotiating → intent → agreement → contract → started → operating,
 * and dropped from any stage. Forward moves may skip stages; some stages need a date; a
 * backward move, a reopening (from dropped) or dropping needs a reason.
 */
import { isValidDate } from './period';

/** The pipeline, in order. `dropped` sits outside it. */
export const STAGES = ['lead', 'negotiating', 'intent', 'agreement', 'contract', 'started', 'operating'] as const;
export const ALL_STAGES = [...STAGES, 'dropped'] as const;

export type PipelineStage = (typeof STAGES)[number];
export type Stage = (typeof ALL_STAGES)[number];

/** Labels in the UI. One name per stage: the first is 线索, as in the ledger and DESIGN.md. */
export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  lead: '线索',
  negotiating: '在谈',
  intent: '意向',
  agreement: '协议',
  contract: '合同签约',
  started: '开工',
  operating: '投产',
  dropped: '终止',
};

/** Labels in the ledger workbook (阶段 column). */
export const STAGE_LEDGER_LABELS: Readonly<Record<Stage, string>> = {
  lead: '线索',
  negotiating: '在谈',
  intent: '意向',
  agreement: '协议',
  contract: '合同',
  started: '开工',
  operating: '投产',
  dropped: '终止',
};

export function isStage(s: string): s is Stage {
  return (ALL_STAGES as readonly string[]).includes(s);
}

/** Ledger label (or UI label, or code) → stage. */
export function stageFromLedgerLabel(s: string): Stage | null {
  const t = s.trim();
  for (const stage of ALL_STAGES) {
    if (STAGE_LEDGER_LABELS[stage] === t || STAGE_LABELS[stage] === t || stage === t) return stage;
  }
  // The UI's earlier name of the first stage, still found in workbooks exported before.
  return t === '已建立联系' ? 'lead' : null;
}

function pipelineIndex(stage: Stage): number {
  return (STAGES as readonly string[]).indexOf(stage);
}

/** True when `to` is earlier in the pipeline than `from` (moves to or from dropped are not). */
export function isBackward(from: Stage, to: Stage): boolean {
  if (from === 'dropped' || to === 'dropped') return false;
  return pipelineIndex(to) < pipelineIndex(from);
}

/** True when a dropped project is brought back into the pipeline. */
export function isReopen(from: Stage, to: Stage): boolean {
  return from === 'dropped' && to !== 'dropped';
}

export type StageDateField = 'contractDate' | 'startDate' | 'operatingDate';

/** The project field holding the date a stage needs, or null. */
export function dateFieldForStage(stage: Stage): StageDateField | null {
  switch (stage) {
    case 'contract':
      return 'contractDate';
    case 'started':
      return 'startDate';
    case 'operating':
      return 'operatingDate';
    default:
      return null;
  }
}

const DATE_NAMES: Readonly<Record<StageDateField, string>> = {
  contractDate: '签约日期',
  startDate: '开工日期',
  operatingDate: '投产日期',
};

export type StageMoveError = { field: 'date' | 'reason' | 'to'; message: string };
export type StageMoveResult = { ok: true; backward: boolean } | { ok: false; errors: StageMoveError[] };

/**
 * Checks a stage move. `backward` is true for a move back along the pipeline (a reopening
 * from dropped is reported by `isReopen`, not as backward).
 */
export function validateStageMove(from: Stage, to: Stage, input: { date?: string | null; reason?: string | null }): StageMoveResult {
  const errors: StageMoveError[] = [];
  if (!isStage(to)) {
    return { ok: false, errors: [{ field: 'to', message: `未知的阶段：${String(to)}` }] };
  }
  if (!isStage(from)) {
    return { ok: false, errors: [{ field: 'to', message: `项目当前阶段未知：${String(from)}` }] };
  }
  if (from === to) {
    return { ok: false, errors: [{ field: 'to', message: `项目已处于“${STAGE_LABELS[to]}”阶段，请选择其他阶段` }] };
  }

  const dateField = dateFieldForStage(to);
  const date = input.date?.trim() ?? '';
  if (dateField) {
    const name = DATE_NAMES[dateField];
    if (date === '') {
      errors.push({ field: 'date', message: `进入“${STAGE_LABELS[to]}”阶段须填写${name}` });
    } else if (!isValidDate(date)) {
      errors.push({ field: 'date', message: `${name}“${date}”不是有效日期，请按YYYY-MM-DD填写` });
    }
  }

  const reason = input.reason?.trim() ?? '';
  const backward = isBackward(from, to);
  if (reason === '') {
    if (to === 'dropped') {
      errors.push({ field: 'reason', message: '终止项目须填写终止原因' });
    } else if (isReopen(from, to)) {
      errors.push({ field: 'reason', message: '重新启动已终止的项目须填写原因' });
    } else if (backward) {
      errors.push({
        field: 'reason',
        message: `从“${STAGE_LABELS[from]}”退回到“${STAGE_LABELS[to]}”须填写退回原因`,
      });
    }
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, backward };
}
