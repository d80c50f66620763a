import { Tag } from 'antd';
import type { Stage } from '../../../../src/domain/stages';
import { useT } from '../../shared/i18n';
import { ORIGIN_SCOPE_NAMES, STAGE_NAMES } from '../../shared/labels';

export const STAGE_COLORS: Record<Stage, string> = {
  lead: 'default',
  negotiating: 'blue',
  intent: 'cyan',
  agreement: 'purple',
  contract: 'green',
  started: 'orange',
  operating: 'gold',
  dropped: 'red',
};
/** Same labels as src/domain/origin.ts, kept here so the web does not load the region dataset. */
export const ORIGIN_SCOPE_TEXT = ORIGIN_SCOPE_NAMES;

export function StageTag({ stage }: { stage: Stage }) {
  const t = useT();
  return <Tag color={STAGE_COLORS[stage]}>{t(...STAGE_NAMES[stage])}</Tag>;
}

/** Whole days since an ISO date (today in the browser's clock), or null. */
export function daysSince(date: string | null): number | null {
  if (!date) return null;
  const d = Date.parse(`${date}T00:00:00`);
  return Number.isNaN(d) ? null : Math.floor((Date.now() - d) / 86_400_000);
}
