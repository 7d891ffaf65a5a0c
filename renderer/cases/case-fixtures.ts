import type { CaseMark, CaseStats } from '../../app/case/case-channels';
import { CASE_SOURCES, type CaseSource } from '../../app/case/case';
import { CASE_STAGES, type CaseStage } from '../../app/case/case-stage';
import type { KpiRow, KpiTiles } from '../../app/case/kpi';

/**
 * Cases for tests and for building the statistics wall before a hall publishes them (the e2e spec
 * injects these into /live): deterministic from a seed, placed at the anchors given (community points
 * with their grids), on the hall's clock `now`.
 */
export interface Anchor {
  lon: number;
  lat: number;
  street?: string;
  community?: string;
  grid?: string;
}

const CATEGORIES = ['event.0102', 'event.0504', 'event.0505', 'event.0506', 'event.0507', 'event.0201', 'part.0102', 'part.0118', 'event.0104', 'event.0101'];
const OPEN: readonly CaseStage[] = CASE_STAGES.filter((s) => s !== 'closed' && s !== 'void');
const SUMMARIES = ['路口东侧垃圾堆放未清运', '商铺占道经营，摆放货架', '机动车停放在人行道上', '井盖破损，已设置警示', '小区门口共享单车堆积', '施工围挡外渣土未覆盖'];
// Departments are known by their names, as the catalogue writes them (app/case/case.ts DepartmentId).
const DEPARTMENTS = ['区环卫中心', '区城管执法局', '区排水管理所', '区路灯管理所', '交通支队', '区园林绿化局'];

/** A small seeded generator (mulberry32): the same seed, the same city. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length) % xs.length] as T;

/** `n` open cases around the anchors; about a fifth overdue, some by days. */
export function fixtureMarks(n: number, anchors: readonly Anchor[], now: number, seed = 7): CaseMark[] {
  const r = seeded(seed);
  const marks: CaseMark[] = [];
  for (let i = 0; i < n; i++) {
    const a = anchors[i % Math.max(1, anchors.length)] ?? { lon: 116.2, lat: 39.91 };
    const stage = pick(r, OPEN);
    const reportedAt = now - Math.floor(r() * 3 * 86_400_000);
    const overdue = r() < 0.12;
    const deadline = stage === 'parked' ? undefined : overdue ? now - Math.floor(r() * 2.5 * 86_400_000) - 60_000 : now + Math.floor(r() * 8 * 3_600_000) + 60_000;
    const source: CaseSource = r() < 0.7 ? 'inspector' : pick(r, CASE_SOURCES);
    const dept = ['handling', 'extending', 'fed-back', 'checking', 'checked'].includes(stage) ? pick(r, DEPARTMENTS) : undefined;
    marks.push({
      id: `c-${seed}-${i}`,
      caseNo: `110107-${new Date(reportedAt + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '')}-${String(i + 1).padStart(4, '0')}`,
      stage,
      category: pick(r, CATEGORIES),
      source,
      lon: a.lon + (r() - 0.5) * 0.006,
      lat: a.lat + (r() - 0.5) * 0.005,
      ...(a.grid ? { grid: a.grid } : {}),
      ...(a.community ? { community: a.community } : {}),
      ...(a.street ? { street: a.street } : {}),
      reportedAt,
      updatedAt: reportedAt,
      ...(deadline !== undefined ? { deadline } : {}),
      ...(dept ? { department: dept } : {}),
      summary: pick(r, SUMMARIES),
      ...(r() < 0.1 ? { urgent: true } : {}),
    });
  }
  return marks;
}

function tiles(r: () => number, scale: number): KpiTiles {
  const reported = Math.round(scale * (0.9 + r() * 0.2));
  const filed = Math.round(reported * 0.93);
  const dispatched = Math.round(filed * 0.97);
  const handled = Math.round(dispatched * 0.9);
  const closed = Math.round(handled * 0.92);
  return { reported, filed, dispatched, handled, closed, closeRate: closed / filed, onTimeCloseRate: (closed * 0.95) / filed, overdue: Math.round(filed * 0.03) };
}

function kpiRow(r: () => number, key: string, name: string): KpiRow {
  const filed = 40 + Math.floor(r() * 400);
  const closed = Math.floor(filed * (0.7 + r() * 0.3));
  const score = Math.round((45 + r() * 55) * 10) / 10;
  const grade = score >= 90 ? 'A' : score >= 75 ? 'B' : score >= 60 ? 'C' : score >= 40 ? 'D' : 'E';
  return {
    key,
    name,
    reported: filed + 10,
    filed,
    dispatched: filed,
    handled: closed + 5,
    closed,
    closedOnTime: Math.floor(closed * 0.95),
    overdue: Math.floor(r() * 9),
    rework: Math.floor(r() * 5),
    extended: Math.floor(r() * 3),
    parked: 0,
    closeRate: closed / filed,
    onTimeCloseRate: (closed * 0.95) / filed,
    reworkRate: 0.02,
    meanHandlingHours: 3 + r() * 20,
    score,
    grade,
  };
}

/** The statistics of a mid-sized district's month, with the given streets (code, name) ranked. */
export function fixtureStats(now: number, day: string, streets: ReadonlyArray<{ code: string; name: string }>, seed = 11): CaseStats {
  const r = seeded(seed);
  const dayMs = 86_400_000;
  const base = Date.parse(`${day}T00:00:00Z`);
  const trend = Array.from({ length: 30 }, (_, i) => {
    const reported = 180 + Math.floor(r() * 120) + (i % 7 < 5 ? 40 : 0);
    return { day: new Date(base - (29 - i) * dayMs).toISOString().slice(0, 10), reported, filed: Math.round(reported * 0.92), closed: Math.round(reported * 0.85) };
  });
  const byScore = (a: KpiRow, b: KpiRow) => b.score - a.score || a.key.localeCompare(b.key);
  return {
    key: 'city',
    at: now,
    day,
    month: day.slice(0, 7),
    today: tiles(r, 214),
    thisMonth: tiles(r, 4821),
    stages: OPEN.map((stage) => ({ stage, n: Math.floor(r() * 60) })),
    trend,
    sources: CASE_SOURCES.map((source) => ({ source, n: source === 'inspector' ? 4300 : Math.floor(r() * 250) })),
    categories: CATEGORIES.map((category, i) => ({ category, n: 900 - i * 80 - Math.floor(r() * 40) })),
    streets: streets.map((s) => kpiRow(r, s.code, s.name)).sort(byScore),
    departments: DEPARTMENTS.map((d) => kpiRow(r, d, d)).sort(byScore),
  };
}
