// A small ECharts wrapper: renders an option, resizes with its box, reports clicks.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, TitleComponent } from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  FunnelChart,
  PieChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  TitleComponent,
  LabelLayout,
  CanvasRenderer,
]);

export type ChartClick = {
  name: string;
  seriesName?: string;
  dataIndex: number;
  data: unknown;
  /** 'series' for a drawn item, 'xAxis' for a category label (when the option asks for label events). */
  componentType?: string;
  /** The category label's text, for an axis label click. */
  value?: unknown;
};

type Layout =
  | {
      x?: number;
      y?: number;
      width?: number;
      height?: number;
      cx?: number;
      cy?: number;
      r0?: number;
      r?: number;
      startAngle?: number;
      endAngle?: number;
      points?: number[][];
    }
  | number[]
  | undefined;
type Internals = { getModel(): { getSeries(): { subType: string; getData(): { count(): number; getItemLayout(i: number): Layout } }[] } };

/**
 * The centre of a data item as drawn (bar, line point, pie sector, funnel trapezoid), in pixels;
 * null for an item drawn with no area a person could click (a zero bar, an empty stage, a hairline sector).
 */
function centre(l: Layout): [number, number] | null {
  if (!l) return null;
  if (Array.isArray(l)) return l.length >= 2 ? [l[0]!, l[1]!] : null;
  if (l.points?.length) {
    const xs = l.points.map((p) => p[0]!);
    if (Math.max(...xs) - Math.min(...xs) < 2) return null;
    return [xs.reduce((a, x) => a + x, 0) / xs.length, l.points.reduce((a, p) => a + p[1]!, 0) / l.points.length];
  }
  if (l.cx !== undefined && l.cy !== undefined && l.r !== undefined && l.startAngle !== undefined && l.endAngle !== undefined) {
    if (Math.abs(l.endAngle - l.startAngle) < 0.05) return null;
    const a = (l.startAngle + l.endAngle) / 2;
    const r = ((l.r0 ?? 0) + l.r) / 2;
    return [l.cx + r * Math.cos(a), l.cy + r * Math.sin(a)];
  }
  if (l.x !== undefined && l.y !== undefined && l.width !== undefined && l.height !== undefined) {
    if (Math.abs(l.width) < 2 || Math.abs(l.height) < 2) return null;
    return [l.x + l.width / 2, l.y + l.height / 2];
  }
  return null;
}

/**
 * Where each clickable item is drawn, published on the chart's box as data-points so a browser
 * journey can click every bar, sector and stage the way a person does (the canvas has no DOM).
 * Only items that lead somewhere are published: every published point must navigate.
 */
function publishPoints(c: echarts.ECharts, box: HTMLDivElement, clickable: (series: number, index: number) => boolean) {
  const points: { s: number; i: number; x: number; y: number }[] = [];
  (c as unknown as Internals)
    .getModel()
    .getSeries()
    .forEach((series, s) => {
      const data = series.getData();
      for (let i = 0; i < data.count(); i++) {
        if (!clickable(s, i)) continue;
        const p = centre(data.getItemLayout(i));
        if (p && Number.isFinite(p[0]) && Number.isFinite(p[1])) points.push({ s, i, x: Math.round(p[0]), y: Math.round(p[1]) });
      }
    });
  box.dataset.points = JSON.stringify(points);
}

export function Chart({
  option,
  height = 320,
  onClick,
  clickable,
  testId,
}: {
  option: echarts.EChartsCoreOption;
  height?: number;
  onClick?: (e: ChartClick) => void;
  /** Whether an item leads somewhere (default: every item, when there is an onClick). */
  clickable?: (series: number, index: number) => boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  const canClick = useRef(clickable);
  canClick.current = clickable;

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current);
    chart.current = c;
    c.on('click', (e) => click.current?.(e as unknown as ChartClick));
    const box = ref.current;
    c.on('finished', () => publishPoints(c, box, (series, i) => !!click.current && (canClick.current?.(series, i) ?? true)));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={ref} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} data-testid={testId} />;
}
