import type { Coverage } from './grid-channels';
import type { ResponsibilityGrid } from './unit-grid';

/** The hall's day (in its time zone) a time falls on, as YYYY-MM-DD, and when that day began. */
export function hallDay(t: number, timeZone: string): { key: string; start: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(t)
      .map((p) => [p.type, p.value]),
  );
  const sinceMidnight = (Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second)) * 1000 + (t % 1000);
  return { key: `${parts.year}-${parts.month}-${parts.day}`, start: t - sinceMidnight };
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
