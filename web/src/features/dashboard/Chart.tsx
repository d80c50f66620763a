// A small ECharts wrapper: renders an option, resizes with its box, reports clicks.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, FunnelChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, TitleComponent, CanvasRenderer]);

export type ChartClick = { name: string; seriesName?: string; dataIndex: number; data: unknown };

export function Chart({ option, height = 320, onClick, testId }: {
  option: echarts.EChartsCoreOption; height?: number; onClick?: (e: ChartClick) => void; testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current);
    chart.current = c;
    c.on('click', (e) => click.current?.(e as unknown as ChartClick));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => { ro.disconnect(); c.dispose(); chart.current = null; };
  }, []);
  useEffect(() => { chart.current?.setOption(option, true); }, [option]);
  return <div ref={ref} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} data-testid={testId} />;
}
