import { useEffect, useRef, type RefObject } from 'react';
import * as echarts from 'echarts/core';
import { FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { quietChart } from '../theme/chart-theme';
import { uiScale } from '../theme/ui-scale';

echarts.use([FunnelChart, LineChart, PieChart, GridComponent, CanvasRenderer]);

/**
 * An echarts chart for a panel: `base(scale)` once (axes, grid, fonts: the layout, fixed), then `data`
 * merged in whenever it changes — series values only, so an update never re-lays the chart out. No
 * animation (a number that moves must not wobble the chart), and echarts' loop sleeps when still.
 */
export function useChart(base: (scale: number) => EChartsCoreOption, data: EChartsCoreOption | undefined, baseKey: string): RefObject<HTMLDivElement | null> {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | undefined>(undefined);
  const latest = useRef(data);
  const makeBase = useRef(base);
  useEffect(() => {
    latest.current = data;
    makeBase.current = base;
  });

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = quietChart(echarts.init(node, undefined, { renderer: 'canvas' }));
    chart.current = c;
    c.setOption({ animation: false, ...makeBase.current(uiScale()) });
    if (latest.current) c.setOption(latest.current);
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(node);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = undefined;
    };
  }, [baseKey]);

  useEffect(() => {
    if (data) chart.current?.setOption(data);
  }, [data]);
  return el;
}
