import type { Coverage } from './grid-channels';
import type { ResponsibilityGrid } from './unit-grid';

const formatters = new Map<string, Intl.DateTimeFormat>();
const lastDays = new Map<string, { key: string; start: number; end: number }>();

/** The calendar date and the clock time (ms since the clock's midnight) a time shows in a zone. */
function wallClock(t: number, timeZone: string): { key: string; ms: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(t).map((p) => [p.type, p.value]));
  return { key: `${parts.year}-${parts.month}-${parts.day}`, ms: (Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second)) * 1000 + (((t % 1000) + 1000) % 1000) };
}

function dayOf(t: number, timeZone: string): { key: string; start: number } {
  const { key, ms } = wallClock(t, timeZone);
  let start = t - ms;
  // On a day the clocks change, clock time since midnight is not time elapsed: step to the real midnight.
  for (let i = 0; i < 3; i++) {
    const at = wallClock(start, timeZone);
    if (at.ms === 0 && at.key === key) break;
    start += at.key === key ? -at.ms : 86_400_000 - at.ms;
  }
  return { key, start };
}

/**
 * The hall's day (in its time zone) a time falls on, as YYYY-MM-DD, and when that day began. Asked for
 * every fix: the current day is remembered, so the calendar is consulted once a day, not per fix.
 */
export function hallDay(t: number, timeZone: string): { key: string; start: number } {
  const last = lastDays.get(timeZone);
  if (last && t >= last.start && t < last.end) return { key: last.key, start: last.start };
  const day = dayOf(t, timeZone);
  // The day ends where the next begins (26 h on is always inside the next day, even across a DST change).
  lastDays.set(timeZone, { ...day, end: dayOf(day.start + 26 * 3_600_000, timeZone).start });
  return day;
}

/**
 * Which unit grids each patrol passed through today (in the hall's time zone). Fed fix by fix; starts
 * over at midnight. Pure apart from the clock values it is given.
 */
export class VisitLog {
  private day = '';
  private readonly byUnit = new Map<string, Set<string>>();
  private readonly unitsByGrid = new Map<string, Set<string>>();

  constructor(private readonly timeZone: string) {}

  /** Records a visit; returns true when it is new (the unit had not been in that grid today). */
  add(unitId: string, grid: string, ts: number, now: number): boolean {
    this.roll(now);
    if (hallDay(ts, this.timeZone).key !== this.day) return false; // yesterday's fix from a flushed queue
    let grids = this.byUnit.get(unitId);
    if (!grids) this.byUnit.set(unitId, (grids = new Set()));
    if (grids.has(grid)) return false;
    grids.add(grid);
    let units = this.unitsByGrid.get(grid);
    if (!units) this.unitsByGrid.set(grid, (units = new Set()));
    units.add(unitId);
    return true;
  }

  /** Starts a new day when midnight has passed; returns true if it did. */
  roll(now: number): boolean {
    const key = hallDay(now, this.timeZone).key;
    if (key === this.day) return false;
    this.day = key;
    this.byUnit.clear();
    this.unitsByGrid.clear();
    return true;
  }

  gridsOf(unitId: string): ReadonlySet<string> {
    return this.byUnit.get(unitId) ?? new Set();
  }

  /** How many different patrols passed through each grid today. */
  unitsPerGrid(): Map<string, number> {
    return new Map([...this.unitsByGrid].map(([g, u]) => [g, u.size]));
  }
}

/** A responsibility grid's coverage today: its grids any of its inspectors passed through, and each inspector's share. */
export function coverageOf(r: ResponsibilityGrid, visits: VisitLog, street?: string): Coverage {
  const own = new Set(r.grids);
  const visited = new Set<string>();
  const inspectors = r.inspectors.map((unitId) => {
    let n = 0;
    for (const g of visits.gridsOf(unitId)) {
      if (!own.has(g)) continue;
      n++;
      visited.add(g);
    }
    return { unitId, visited: n, share: own.size ? n / own.size : 0 };
  });
  const c: Coverage = { id: r.id, name: r.name, total: own.size, visited: [...visited].sort(), share: own.size ? visited.size / own.size : 0, inspectors };
  if (street) c.street = street;
  return c;
}
