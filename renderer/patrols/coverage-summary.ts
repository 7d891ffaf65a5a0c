import type { Coverage } from '../../app/grid/grid-channels';

export interface CoverageRow {
  id: string;
  name: string;
  street?: string;
  visited: number;
  total: number;
  share: number;
  inspectors: Array<{ unitId: string; share: number }>;
}

export interface CoverageSummary {
  rows: CoverageRow[];
  visited: number;
  total: number;
  /** Visited share over all responsibility grids (0 when there are none). */
  share: number;
}

/**
 * Today's coverage for the panel: responsibility grids least covered first (where the duty officer
 * should look), ties by name, each with its inspectors best first. Pure.
 */
export function summarizeCoverage(items: Iterable<Coverage>): CoverageSummary {
  const rows: CoverageRow[] = [];
  let visited = 0;
  let total = 0;
  for (const c of items) {
    const v = Math.min(c.total, new Set(c.visited).size);
    visited += v;
    total += c.total;
    rows.push({
      id: c.id,
      name: c.name,
      ...(c.street ? { street: c.street } : {}),
      visited: v,
      total: c.total,
      share: c.share,
      inspectors: [...c.inspectors].sort((a, b) => b.share - a.share || a.unitId.localeCompare(b.unitId)).map((i) => ({ unitId: i.unitId, share: i.share })),
    });
  }
  rows.sort((a, b) => a.share - b.share || a.name.localeCompare(b.name, 'zh-CN'));
  return { rows, visited, total, share: total ? visited / total : 0 };
}

/** "63%": shares as the wall prints them (whole per cent, never 100% before every grid is visited). */
export function percent(share: number): string {
  const p = share >= 1 ? 100 : Math.min(99, Math.round(share * 100));
  return `${p}%`;
}
