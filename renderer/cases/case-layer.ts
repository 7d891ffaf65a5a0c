import type { Layer, PickingInfo } from '@deck.gl/core';
import { IconLayer, ScatterplotLayer } from '@deck.gl/layers';
import { caseChannel, type CaseMark } from '../../app/case/case-channels';
import { latestNow, onChannel } from '../live/live-store';
import type { MapLayerContext, MapLayerContribution } from '../wall/contributions';
import { cardStore, openCard } from './card-store';
import { CaseCardOnMap } from './CaseCardHost';
import { attachCaseFill, caseHeatLayers } from './case-fill';
import { CaseFillLegend } from './CaseFillLegend';
import { followCard } from './card-follow';
import { CASE_ICON, caseIconAtlas } from './case-icon';
import { css, GROUP_INFO, isOverdue, markRgb, OVERDUE_NAME, OVERDUE_RGB, overdueCount, STAGE_GROUPS } from './case-marks';
import { attachPulses } from './case-pulses';

interface Placed {
  m: CaseMark;
  at: [number, number];
  overdue: boolean;
}

let placedCache: { marks: ReadonlyMap<string, CaseMark>; toMap: MapLayerContext['toMap']; overdue: number; list: Placed[] } | undefined;

/**
 * Marks in display coordinates, overdue ones last so they draw on top: a new array only when the marks,
 * the display CRS or the number overdue changed (deck.gl re-reads positions and colours only then).
 */
function placed(ctx: MapLayerContext): Placed[] {
  const marks = latestNow(caseChannel);
  const overdue = overdueCount(marks.values(), ctx.now);
  const c = placedCache;
  if (c?.marks === marks && c.toMap === ctx.toMap && c.overdue === overdue) return c.list;
  const list = [...marks.values()]
    .map((m) => ({ m, at: ctx.toMap(m.lon, m.lat), overdue: isOverdue(m, ctx.now) }))
    .sort((a, b) => Number(a.overdue) - Number(b.overdue) || (b.m.deadline ?? Infinity) - (a.m.deadline ?? Infinity));
  placedCache = { marks, toMap: ctx.toMap, overdue, list };
  return list;
}

/**
 * Open cases on the map: a diamond per case in its stage group's colour, red once overdue (the red
 * lights also pulse, in the DOM: case-pulses.ts), a ring round the case whose card is shown, and the
 * optional case fill (heat here; the choropleth is native maplibre).
 */
function caseLayers(ctx: MapLayerContext): Layer[] {
  const data = placed(ctx);
  const s = Math.max(0.5, ctx.scale);
  const alpha = ctx.stale ? 0.35 : 1;
  const shown = cardStore.getState().shown?.caseId;
  const focus = shown ? data.find((p) => p.m.id === shown) : undefined;
  return [
    ...caseHeatLayers(ctx),
    new IconLayer<Placed>({
      id: 'case-mark-edge',
      data,
      iconAtlas: caseIconAtlas() as unknown as string,
      iconMapping: { case: CASE_ICON },
      getIcon: () => 'case',
      getPosition: (p) => p.at,
      getColor: [5, 13, 28, 255],
      sizeUnits: 'pixels',
      getSize: (p) => (p.overdue ? 30 : 25) * s,
      opacity: alpha,
      parameters: { depthCompare: 'always' },
    }),
    new IconLayer<Placed>({
      id: 'case-marks',
      data,
      iconAtlas: caseIconAtlas() as unknown as string,
      iconMapping: { case: CASE_ICON },
      getIcon: () => 'case',
      getPosition: (p) => p.at,
      getColor: (p) => [...(p.overdue ? OVERDUE_RGB : markRgb(p.m, -Infinity)), 255],
      sizeUnits: 'pixels',
      getSize: (p) => (p.overdue ? 22 : 18) * s,
      opacity: alpha,
      pickable: true,
      parameters: { depthCompare: 'always' },
    }),
    ...(focus
      ? [
          new ScatterplotLayer<Placed>({
            id: 'case-focus-ring',
            data: [focus],
            getPosition: (p) => p.at,
            stroked: true,
            filled: false,
            getLineColor: [255, 243, 176, 255],
            radiusUnits: 'pixels',
            getRadius: 26 * s,
            lineWidthUnits: 'pixels',
            getLineWidth: 3.5 * s,
            opacity: alpha,
            parameters: { depthCompare: 'always' },
          }),
        ]
      : []),
  ];
}

function onCaseClick(info: PickingInfo): void {
  const p = info.object as Placed | undefined;
  if (p?.m) openCard(p.m.id);
}

export const caseMapLayer: MapLayerContribution = {
  id: 'cases',
  order: 90,
  layers: caseLayers,
  watch: (changed) => {
    const offs = [onChannel(caseChannel, changed), cardStore.subscribe((s, prev) => void (s.shown !== prev.shown && changed()))];
    return () => offs.forEach((off) => off());
  },
  // A case turns red at its deadline with no message: checked once a second, redrawn only when one did.
  ticks: true,
  tickKey: (ctx) => String(overdueCount(latestNow(caseChannel).values(), ctx.now)),
  onClick: onCaseClick,
  mapLibre: (host) => {
    const offs = [attachCaseFill(host), attachPulses(host), followCard(host)];
    return () => offs.forEach((off) => off());
  },
  // The first entry says these are cases (as the patrols' legend says "Patrol · online"); the rest are stages.
  legend: [
    ...STAGE_GROUPS.map((g, i) => {
      const name = GROUP_INFO[g].name;
      return { color: css(GROUP_INFO[g].rgb), label: i === 0 ? { zh: `案卷 · ${name.zh}`, en: `Case · ${name.en.toLowerCase()}` } : name };
    }),
    { color: css(OVERDUE_RGB), label: OVERDUE_NAME },
  ],
  overlays: [
    { placement: 'legend', component: CaseFillLegend },
    { placement: 'cover', component: CaseCardOnMap },
  ],
};
