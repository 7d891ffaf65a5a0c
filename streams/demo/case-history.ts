import type { Case, CaseSource } from '../../app/case/case';
import type { CatalogueClass } from '../../app/case/catalogue';
import { isWorkingDay } from '../../app/case/work-calendar';
import { isoWeekday } from '../../app/case/zoned-time';
import type { CaseData } from '../cases/case-data';
import type { HistoricCase } from '../cases/case-bulk';
import { seededRng, type Rng } from '../simulator/walker';
import { CLASS_WEIGHTS, DEMO_VOLUME, HOUR_PROFILE, picker, SOURCE_MIX, sourceKind, WEEKDAY_FACTOR, type DailyVolume, type SourceKind } from './case-mix';
import type { CasePlace } from './case-places';
import { DEMO_RATES, DEMO_STAFF, playStory, type Staff, type StoryContext, type StoryRates } from './case-story';
import { departmentFor, departmentPace, type StreetOffices } from './demo-departments';
import { WorkClock } from './work-clock';

const DAY = 86_400_000;

export interface HistoryOptions {
  seed: number;
  /** The present: the history ends here, with the cases reported so far today. */
  now: number;
  /** Hall days, today included (90: the trends and the quarter's rankings have data from the start). */
  days: number;
  /** The centre's code, the first part of each case number (the district code, e.g. 110107). */
  centre: string;
  timeZone: string;
  data: CaseData;
  /** Where problems are found (the district's grids, weighted); every case is at one of them. */
  places: readonly CasePlace[];
  /** The inspectors of each street (the simulator's patrol units), who report and check there. */
  inspectors: ReadonlyMap<string, readonly string[]>;
  /** Each street's office, for the classes the catalogue gives to 街道办事处. */
  offices: StreetOffices;
  volume?: DailyVolume;
  staff?: Staff;
  rates?: Partial<StoryRates>;
}

/** The client ids of the demo's history start so; the loader recognises them. */
export const HISTORY_CLIENT_PREFIX = 'demo-h-';

/** A small stable mix of a seed and a text (FNV-1a), so each day draws from its own stream. */
function mix(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * How well each street's cases are looked after (its street office and how the departments fare there):
 * a spread of paces dealt to the streets by the seed, so the street ranking has leaders and laggards.
 * The live desk uses the same, so a street keeps its place in the ranking.
 */
export function streetPaces(streets: readonly string[], seed: number): Map<string, number> {
  const paces = [0.35, 0.5, 0.7, 0.9, 1, 1.2, 1.6, 2.3, 3.2];
  const rng = seededRng(mix(seed, 'streets'));
  const shuffled = [...streets].sort().map((s) => ({ s, k: rng() }));
  shuffled.sort((a, b) => a.k - b.k);
  return new Map(shuffled.map(({ s }, i) => [s, paces[Math.round((i * (paces.length - 1)) / Math.max(1, streets.length - 1))] ?? 1]));
}

interface Draft {
  at: number;
  source: CaseSource;
  cls: CatalogueClass;
  place: CasePlace;
  reporter?: string;
}

function descriptionOf(kind: SourceKind, cls: CatalogueClass, rng: Rng): string {
  if (kind === 'inspector') return `${cls.name.zh}（巡查发现）`;
  if (kind === 'video') return `${cls.name.zh}（视频智能识别，置信度${(0.82 + rng() * 0.17).toFixed(2)}）`;
  return `市民来电反映：${cls.name.zh}，请尽快处理`;
}

/**
 * The demo city's past, one hall day at a time, newest first (each day draws from its own stream, so the
 * order changes nothing): `days` hall days of cases up to `now`, every history made by app/case's workflow
 * step by step with realistic delays (most on time, a late tail, rework, extensions, parked, void), older
 * cases closed and recent ones open in every stage, some overdue. Pure and deterministic for a seed.
 */
export function* caseHistoryDays(o: HistoryOptions): Generator<HistoricCase[]> {
  const { data, now } = o;
  const clock = new WorkClock(data.calendar, o.timeZone, now - o.days * DAY, now + 75 * DAY);
  const draw = drawers(o);
  const ctx = storyContext(o, clock);
  for (const date of clock.datesBetween(now - (o.days - 1) * DAY, now).reverse()) {
    const rng = seededRng(mix(o.seed, date));
    const base = isWorkingDay(data.calendar, date) ? draw.volume.workday : draw.volume.restDay;
    const n = Math.round(base * (WEEKDAY_FACTOR[isoWeekday(date)] ?? 1) * (0.88 + rng() * 0.24));
    const drafts: Draft[] = [];
    for (let i = 0; i < n; i++) {
      const source = draw.source(rng);
      const kind = sourceKind(source);
      const at = Math.round(clock.at(date, (draw.hour[kind](rng) + rng()) * 60));
      const cls = draw.cls[kind](rng);
      const place = draw.place(rng);
      const list = ctx.inspectors(place.street);
      const reporter = kind === 'inspector' ? list[Math.floor(rng() * list.length)] : undefined;
      if (at < now) drafts.push({ at, source, cls, place, ...(reporter ? { reporter } : {}) });
    }
    drafts.sort((a, b) => a.at - b.at);
    const day = date.replaceAll('-', '');
    yield drafts.flatMap((d, i) => {
      const h = historicCase(d, `${day}-${String(i + 1).padStart(4, '0')}`, o.centre, ctx, rng, now);
      return h ? [h] : [];
    });
  }
}

/** The whole history, oldest first. */
export function generateCaseHistory(o: HistoryOptions): HistoricCase[] {
  return [...caseHistoryDays(o)].reverse().flat();
}

/** The weighted draws of a day's reports: how many, when, from where, of which class, where. */
function drawers(o: HistoryOptions) {
  const { catalogue } = o.data;
  const classes = (k: SourceKind) => {
    const known = CLASS_WEIGHTS[k].filter(([key]) => catalogue.byKey.has(key));
    const weights = known.length ? known : catalogue.classes.map((c) => [c.key, 1] as const);
    return picker(weights.map(([key, w]) => [catalogue.byKey.get(key) as CatalogueClass, w] as const));
  };
  const hours = (k: SourceKind) => picker(HOUR_PROFILE[k].map((w, h) => [h, w] as const));
  return {
    volume: o.volume ?? DEMO_VOLUME,
    source: picker(SOURCE_MIX),
    cls: { inspector: classes('inspector'), video: classes('video'), hotline: classes('hotline') },
    hour: { inspector: hours('inspector'), video: hours('video'), hotline: hours('hotline') },
    place: picker(o.places.map((p) => [p, p.weight] as const)),
  };
}

/** Who works the cases and how well: staff, inspectors by street, departments and their paces. */
function storyContext(o: HistoryOptions, clock: WorkClock): StoryContext {
  const paces = streetPaces([...new Set(o.places.map((p) => p.street))], o.seed);
  const everyone = [...new Set([...o.inspectors.values()].flat())];
  const fallback = everyone.length ? everyone : ['inspector-01'];
  const departments = [...new Set(o.data.catalogue.classes.map((c) => c.department))];
  return {
    clock,
    staff: o.staff ?? DEMO_STAFF,
    rates: { ...DEMO_RATES, ...o.rates },
    inspectors: (street) => {
      const own = o.inspectors.get(street);
      return own?.length ? own : fallback;
    },
    department: (cls, street) => departmentFor(cls, street, o.offices),
    wrongDepartment: (cls, street, rng) => {
      const others = departments.filter((d) => d !== cls.department);
      return departmentFor({ department: others[Math.floor(rng() * others.length)] ?? cls.department }, street, o.offices);
    },
    pace: (department, street) => departmentPace(department, paces.get(street) ?? 1),
  };
}

/** One report played through the workflow up to `now`, as the bulk writer takes it. */
function historicCase(d: Draft, dayNo: string, centre: string, ctx: StoryContext, rng: Rng, now: number): HistoricCase | undefined {
  const story = playStory({ source: d.source, cls: d.cls, street: d.place.street, reportedAt: d.at, ...(d.reporter ? { reporter: d.reporter } : {}) }, ctx, rng, now);
  const last = story.events.at(-1);
  if (!last) return undefined;
  const jitter = () => (rng() - 0.5) * 0.0002;
  const c: Omit<Case, 'id'> = {
    caseNo: `${centre}-${dayNo}`,
    clientId: `${HISTORY_CLIENT_PREFIX}${dayNo}`,
    source: d.source,
    category: d.cls.key,
    lon: Math.round((d.place.lon + jitter()) * 1e7) / 1e7,
    lat: Math.round((d.place.lat + jitter()) * 1e7) / 1e7,
    grid: d.place.grid,
    community: d.place.community,
    street: d.place.street,
    description: descriptionOf(sourceKind(d.source), d.cls, rng),
    reportedAt: d.at,
    photos: [],
    stage: last.stage,
  };
  if (d.place.address) c.address = d.place.address;
  if (story.department) c.department = story.department;
  if (d.cls.urgent) c.urgent = true;
  return { case: c, events: story.events };
}
