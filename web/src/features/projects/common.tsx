import { Tag } from 'antd';
import { STAGE_LABELS, type Stage } from '../../../../src/domain/stages';

export const STAGE_COLORS: Record<Stage, string> = {
  lead: 'default', negotiating: 'blue', intent: 'cyan', agreement: 'purple', contract: 'green', started: 'orange', operating: 'gold', dropped: 'red',
};
/** Same labels as src/domain/origin.ts, kept here so the web does not load the region dataset. */
export const ORIGIN_SCOPE_TEXT: Record<string, string> = { local: '本地', province: '省内域外', domestic: '省外', abroad: '境外' };

export function StageTag({ stage }: { stage: Stage }) {
  return <Tag color={STAGE_COLORS[stage]}>{STAGE_LABELS[stage]}</Tag>;
}

/** Whole days since an ISO date (today in the browser's clock), or null. */
export function daysSince(date: string | null): number | null {
  if (!date) return null;
  const d = Date.parse(`${date}T00:00:00`);
  return Number.isNaN(d) ? null : Math.floor((Date.now() - d) / 86_400_000);
}
