import type { ReportState } from '../../app/report/inspector-report';

/** Counts by a key, largest first (ties by key, so the order never flickers). Pure. */
export function countBy(reports: readonly ReportState[], key: (r: ReportState) => string | undefined): Array<{ key: string; n: number }> {
  const m = new Map<string, number>();
  for (const r of reports) {
    const k = key(r);
    if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m].map(([k, n]) => ({ key: k, n })).sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
}
