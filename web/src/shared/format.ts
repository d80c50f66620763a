// The one number formatter of the web app. Every screen shows money and percentages through
// it, so a clerk reads the same figure the same way on every page and in the server's Excel and
// Word (both built on src/domain/money.ts): 万元 and 亿元 to 2 decimals, percentages to 1, digits
// grouped by thousands. en-US reads CNY/USD in millions or billions.
import { formatGrowth, formatPercent, formatWan, formatWanUsd, formatYi } from '../../../src/domain/money';
import { useLocale, useT } from './i18n';

export type NumberLocale = 'zh-CN' | 'en-US';

/** From this many 元 a total reads in 亿元 rather than 万元. */
export const YI_FROM_YUAN = 100_000_000;

/** "-1234567.891" → "-1,234,567.891": groups the integer digits only, keeps the text exact. */
export function groupThousands(numberText: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(numberText);
  if (!m) return numberText;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

/** Splits a domain money text into its number and its unit: "2192.46万元" → ["2192.46", "万元"]. */
function split(text: string): [string, string] {
  const m = /^(-?[\d.]+)(.*)$/.exec(text);
  return m ? [m[1]!, m[2]!] : [text, ''];
}

const grouped = (domainText: string) => {
  const [n, unit] = split(domainText);
  return `${groupThousands(n)}${unit}`;
};

/** A 万 amount as millions: "2192.46" → "21.92" ("1.2345" with 4 digits → "0.012345"). */
function wanToMillions(wanText: string, wanDigits: number): string {
  const n = Number(wanText) / 100;
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: Math.max(2, wanDigits + 2 * Number(wanDigits > 2)) });
}

/** 元 in 万元 with `digits` decimals (2 unless an exact amount is shown): "1,500.50万元". */
export function moneyWan(yuan: number, locale: NumberLocale = 'zh-CN', digits = 2): string {
  const d = Math.min(4, Math.max(0, Math.trunc(digits)));
  const zh = formatWan(yuan, d);
  return locale === 'en-US' ? `CNY ${wanToMillions(split(zh)[0], d)}M` : grouped(zh);
}

/** USD in 万美元 with 2 decimals. */
export function moneyWanUsd(usd: number, locale: NumberLocale = 'zh-CN'): string {
  const zh = formatWanUsd(usd);
  return locale === 'en-US' ? `USD ${wanToMillions(split(zh)[0], 2)}M` : grouped(zh);
}

/** 元 in 亿元 with 2 decimals: "4.22亿元" (en-US "CNY 0.42B"). */
export function moneyYi(yuan: number, locale: NumberLocale = 'zh-CN'): string {
  const zh = formatYi(yuan);
  if (locale !== 'en-US') return grouped(zh);
  const n = Number(split(zh)[0]) / 10;
  return `CNY ${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 3 })}B`;
}

/** A total: 亿元 from 1亿 up, 万元 below — what a leader reads on a summary line. */
export function moneyTotal(yuan: number, locale: NumberLocale = 'zh-CN'): string {
  return Math.abs(yuan) >= YI_FROM_YUAN ? moneyYi(yuan, locale) : moneyWan(yuan, locale);
}

/** One-decimal percent of a ratio: 0.1234 → "12.3%", null → "—". */
export const percent = (ratio: number | null): string => formatPercent(ratio);

/** Percent of a number already in percent points (e.g. an ECharts value): 12.345 → "12.3%". */
export const percentPoints = (points: number | null): string =>
  points === null || !Number.isFinite(points) ? '—' : formatPercent(points / 100);

/** Year-on-year wording: "同比增长12.3%" / "Up 12.3% YoY". */
export function growth(ratio: number | null, locale: NumberLocale = 'zh-CN'): string {
  if (locale !== 'en-US') return formatGrowth(ratio);
  if (ratio === null || !Number.isFinite(ratio)) return 'No prior-year base';
  const p = formatPercent(Math.abs(ratio));
  if (p === '0.0%') return 'Flat YoY';
  return ratio > 0 ? `Up ${p} YoY` : `Down ${p} YoY`;
}

/** A plain count with thousands separators: 12345 → "12,345". */
export const count = (n: number): string => groupThousands(String(Math.round(n)));

/** The formatter in the current language. */
export function useFormat() {
  const { locale } = useLocale();
  const t = useT();
  const l = locale as NumberLocale;
  return {
    formatWan: (yuan: number, digits = 2) => moneyWan(yuan, l, digits),
    formatWanUsd: (usd: number) => moneyWanUsd(usd, l),
    formatYi: (yuan: number) => moneyYi(yuan, l),
    formatTotal: (yuan: number) => moneyTotal(yuan, l),
    formatPercent: percent,
    formatGrowth: (ratio: number | null) => growth(ratio, l),
    formatCount: count,
    /** The unit of amounts typed in 万元 / 万美元. */
    wanUnit: t('万元', '10k CNY'),
    wanUsdUnit: t('万美元', '10k USD'),
  };
}
