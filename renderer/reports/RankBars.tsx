import { useRef } from 'react';
import type { PanelProps } from '../wall/contributions';
import { useFittingRows } from '../wall/use-fitting-rows';

/**
 * A ranking as horizontal bars: a name, a bar on a fixed scale, a number. Plain DOM rather than a chart:
 * text stays in the wall's font at its size, and a short panel shows fewer rows, never squashed ones.
 */
export function RankBars({ rows, empty, testId }: { rows: Array<{ key: string; label: string; n: number }>; empty: string; testId: string } & Partial<PanelProps>) {
  const box = useRef<HTMLDivElement>(null);
  const fit = useFittingRows(box, '.rank-row', undefined, rows.length > 0);
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <div className="rank" ref={box} data-testid={testId}>
      {rows.length === 0 && <p className="feed-empty">{empty}</p>}
      {rows.slice(0, fit).map((r) => (
        <div className="rank-row" key={r.key}>
          <span className="rank-name">{r.label}</span>
          <span className="rank-bar">
            <i style={{ width: `${(r.n / max) * 100}%` }} />
          </span>
          <span className="rank-count">{r.n}</span>
        </div>
      ))}
    </div>
  );
}
