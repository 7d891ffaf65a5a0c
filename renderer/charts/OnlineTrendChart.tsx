import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useI18n } from '../i18n/use-i18n';
import { wallStore, type OnlineSample } from '../live/live-store';
import { uiScale } from '../theme/ui-scale';

echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

const WINDOW_MS = 10 * 60_000;

function clock(t: number, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(t);
}

/** Patrols online over the last ten minutes, fed from the live store. */
export function OnlineTrendChart() {
  const el = useRef<HTMLDivElement>(null);
  const { timeZone } = useI18n();

  useEffect(() => {
    if (!el.current) return;
    const s = uiScale();
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const axisText = { color: '#8fb3d9', fontSize: 14 * s, fontFamily: 'Noto Sans SC' };
    chart.setOption({
      animation: false,
      grid: { left: 44 * s, right: 16 * s, top: 16 * s, bottom: 30 * s },
      xAxis: {
        type: 'time',
        splitNumber: 5,
        axisLabel: { ...axisText, formatter: (v: number) => clock(v, timeZone), hideOverlap: true },
        axisLine: { lineStyle: { color: '#23476f' } },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        min: 0,
        axisLabel: axisText,
        splitLine: { lineStyle: { color: '#15304f' } },
      },
      series: [
        {
          type: 'line',
          name: 'online',
          showSymbol: false,
          step: 'end',
          lineStyle: { width: 3 * s, color: '#2effaa' },
          areaStyle: {
            color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [
              { offset: 0, color: 'rgba(46,255,170,0.45)' },
              { offset: 1, color: 'rgba(46,255,170,0.02)' },
            ]),
          },
          data: [],
        },
      ],
    });
    // A fixed ten-minute window ending now, so the axis reads as time of day from the first sample on.
    const render = (samples: OnlineSample[]) => {
      const end = samples.at(-1)?.t ?? Date.now();
      chart.setOption({
        xAxis: { min: end - WINDOW_MS, max: end },
        series: [{ data: samples.map((x) => [x.t, x.online]) }],
      });
    };
    render(wallStore.getState().onlineHistory);
    const unsubscribe = wallStore.subscribe((st, prev) => {
      if (st.onlineHistory !== prev.onlineHistory) render(st.onlineHistory);
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el.current);
    return () => {
      unsubscribe();
      resize.disconnect();
      chart.dispose();
    };
  }, [timeZone]);

  return <div ref={el} className="chart" data-testid="online-chart" />;
}
