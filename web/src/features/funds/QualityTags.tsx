// Data-quality hints beside an entry in the verification queue ([G]): each with its reason on hover.
import { Tag, Tooltip } from 'antd';
import { useT } from '../../shared/i18n';
import { useFundQuality } from './api/get-fund-quality';

const LABELS: Record<string, [string, string]> = {
  spike: ['月度异常偏高', 'Spike'],
  'round-run': ['连续整数', 'Round amounts'],
  'before-contract': ['未签约', 'Before contract'],
  'not-started': ['未开工', 'Not started'],
  'above-investment': ['超总投资', 'Above investment'],
  'foreign-mismatch': ['外资不符', 'Foreign mismatch'],
};

export function QualityTags({ entryId, period }: { entryId: number; period: string }) {
  const t = useT();
  const q = useFundQuality(period);
  const flags = q.data?.items.find((i) => i.entryId === entryId)?.flags ?? [];
  if (!flags.length) return null;
  return (
    <>
      {flags.map((f) => (
        <Tooltip key={f.code} title={f.message}>
          <Tag color="orange" data-testid="quality-tag">
            {t(...(LABELS[f.code] ?? [f.code, f.code]))}
          </Tag>
        </Tooltip>
      ))}
    </>
  );
}
