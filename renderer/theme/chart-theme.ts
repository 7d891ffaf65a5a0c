import type { EChartsType } from 'echarts/core';

/**
 * Chart text legible from 5 m: 18 px on a 1080-line screen, 36 px on a 2160-line wall (the UI scale),
 * in the bundled CJK font.
 */
export function chartText(scale: number) {
  return { color: '#a9c8e8', fontSize: Math.round(18 * scale), fontFamily: 'Noto Sans SC' };
}

/**
 * ECharts' renderer (zrender) runs a requestAnimationFrame loop forever by default. A wall chart changes
 * a few times a minute: let the loop sleep after one still frame (setOption wakes it; with animation off
 * nothing needs a second). 0 would mean "never sleep".
 */
export function quietChart<T extends EChartsType>(chart: T): T {
  chart.getZr().setSleepAfterStill(1);
  return chart;
}
