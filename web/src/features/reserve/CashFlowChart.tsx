// The cash-flow chart of the investor's view (the brochure draws the same chart on the server).
import { useEffect, useMemo, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useT } from '../../shared/i18n';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export function CashFlowChart({ flows }: { flows: number[] }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const option = useMemo(() => {
    let cum = 0;
    const wan = (x: number) => Math.round(x / 100) / 100;
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 60, right: 16, top: 16, bottom: 48 },
      xAxis: { type: 'category', data: flows.map((_f, i) => t(`第${i}年`, `Y${i}`)) },
      yAxis: { type: 'value', name: t('万元', '10k CNY') },
      series: [
        {
          name: t('年净现金流', 'Net cash flow'),
          type: 'bar',
          itemStyle: { color: '#1677ff' },
          data: flows.map((f) => ({ value: wan(f), itemStyle: { color: f < 0 ? '#cf1322' : '#1677ff' } })),
        },
        { name: t('累计现金流', 'Cumulative'), type: 'line', data: flows.map((f) => wan((cum += f))), itemStyle: { color: '#fa8c16' } },
      ],
    };
  }, [flows, t]);
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current);
    chart.current = c;
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
  return (
    <div ref={ref} style={{ width: '100%', height: 300 }} data-testid="cashflow-chart" aria-label={t('现金流图', 'Cash-flow chart')} />
  );
}
