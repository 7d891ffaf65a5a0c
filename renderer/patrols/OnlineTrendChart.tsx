import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { clockTime } from '../i18n/i18n';
import { useI18n } from '../i18n/use-i18n';
import { linkStore, serverNow } from '../live/live-store';
import { chartText, quietChart } from '../theme/chart-theme';
import { uiScale } from '../theme/ui-scale';
import type { PanelProps } from '../wall/contributions';
import { onlineHistory, startOnlineSampler, type OnlineSample } from './online-history';

echarts.use([LineChart, GridComponent, CanvasRenderer]);

const WINDOW_MS = 10 * 60_000;

/** Patrols online over the last ten minutes; the time axis keeps moving, so a gap in the data shows as one. */
export function OnlineTrendChart(_props: PanelProps) {
  const el = useRef<HTMLDivElement>(null);
  const { timeZone } = useI18n();

  useEffect(() => {
    if (!el.current) return;
    startOnlineSampler();
    const s = uiScale();
    const chart = quietChart(echarts.init(el.current, undefined, { renderer: 'canvas' }));
    const text = chartText(s);
    chart.setOption({
      animation: false,
      grid: { left: 18 * s, right: 24 * s, top: 18 * s, bottom: 8 * s, containLabel: true },
      xAxis: {
        type: 'time',
        splitNumber: 4,
        axisLabel: { ...text, formatter: (v: number) => clockTime(v, timeZone, false), hideOverlap: true },
        axisLine: { lineStyle: { color: '#23476f' } },
        splitLine: { show: false },
      },
      yAxis: { type: 'value', minInterval: 1, min: 0, axisLabel: text, splitLine: { lineStyle: { color: '#15304f' } } },
      series: [
        {
          type: 'line',
          name: 'online',
          showSymbol: false,
          step: 'end',
          connectNulls: false,
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
    const render = (samples: OnlineSample[]) => {
      const end = serverNow();
      // A break in sampling (the link was down) is drawn as a break, not bridged by a straight line.
      const data: Array<[number, number | null]> = [];
      samples.forEach((x, i) => {
        const prev = samples[i - 1];
        if (prev && x.t - prev.t > 6000) data.push([prev.t + 2000, null]);
        data.push([x.t, x.online]);
      });
      const live = linkStore.getState().connection.state === 'live';
      chart.setOption({ xAxis: { min: end - WINDOW_MS, max: end }, series: [{ data, lineStyle: { opacity: live ? 1 : 0.4 }, areaStyle: { opacity: live ? 1 : 0.3 } }] });
    };
    render(onlineHistory.getState().samples);
    const unsubscribe = onlineHistory.subscribe((st) => render(st.samples));
    // The axis keeps moving while the link is down (no samples arrive then): the gap grows, visibly.
    const tick = setInterval(() => {
      if (linkStore.getState().connection.state !== 'live') render(onlineHistory.getState().samples);
    }, 5000);
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el.current);
    return () => {
      unsubscribe();
      clearInterval(tick);
      resize.disconnect();
      chart.dispose();
    };
  }, [timeZone]);

  return <div ref={el} className="chart" data-testid="online-chart" />;
}
