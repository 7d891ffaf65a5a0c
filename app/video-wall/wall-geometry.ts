import { MAX_CELLS, type CustomSplit, type StandardSplit, type WallCell, type WallSplit } from './video-wall';

/** A split as drawn: cells on a grid of columns × rows, each grid unit 16:9, in reading order. */
export interface SplitGeometry {
  columns: number;
  rows: number;
  cells: WallCell[];
}

function square(side: number): SplitGeometry {
  const cells: WallCell[] = [];
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) cells.push({ x, y, w: 1, h: 1 });
  return { columns: side, rows: side, cells };
}

/** 6: one big cell (2×2) top left, two small down its right, three small along the bottom. */
const SIX: SplitGeometry = {
  columns: 3,
  rows: 3,
  cells: [
    { x: 0, y: 0, w: 2, h: 2 },
    { x: 2, y: 0, w: 1, h: 1 },
    { x: 2, y: 1, w: 1, h: 1 },
    { x: 0, y: 2, w: 1, h: 1 },
    { x: 1, y: 2, w: 1, h: 1 },
    { x: 2, y: 2, w: 1, h: 1 },
  ],
};

const STANDARD: Readonly<Record<StandardSplit, SplitGeometry>> = { 1: square(1), 4: square(2), 6: SIX, 9: square(3), 16: square(4), 25: square(5) };

/** What is wrong with a custom split, one sentence per problem; empty when it is fine. */
export function customProblems(c: CustomSplit): string[] {
  const problems: string[] = [];
  if (c.cells.length > MAX_CELLS) problems.push(`a split has at most ${MAX_CELLS} cells; this one has ${c.cells.length}.`);
  const taken = new Map<string, number>();
  c.cells.forEach((cell, i) => {
    if (cell.x + cell.w > c.columns || cell.y + cell.h > c.rows) {
      problems.push(`cell ${i + 1} reaches beyond the ${c.columns}×${c.rows} grid.`);
      return;
    }
    for (let x = cell.x; x < cell.x + cell.w; x++) {
      for (let y = cell.y; y < cell.y + cell.h; y++) {
        const other = taken.get(`${x},${y}`);
        if (other !== undefined) {
          problems.push(`cell ${i + 1} overlaps cell ${other + 1} at column ${x + 1}, row ${y + 1}.`);
          return;
        }
        taken.set(`${x},${y}`, i);
      }
    }
  });
  return problems;
}

/** The geometry of a split; a custom split that is missing or broken falls back to 9 (the wall must show something). */
export function splitGeometry(layout: WallSplit, custom?: CustomSplit): SplitGeometry {
  if (layout !== 'custom') return STANDARD[layout];
  if (!custom || customProblems(custom).length) return STANDARD[9];
  return { columns: custom.columns, rows: custom.rows, cells: custom.cells.map((c) => ({ ...c })) };
}

/** How many cells a split has. */
export function cellCount(layout: WallSplit, custom?: CustomSplit): number {
  return splitGeometry(layout, custom).cells.length;
}

/** The split's aspect ratio (width ÷ height) when every grid unit is 16:9. */
export function splitAspect(g: SplitGeometry): number {
  return (g.columns * 16) / (g.rows * 9);
}

/** Whether a cell is large on its split (at least half the grid's width): it may deserve the main stream. */
export function isLargeCell(g: SplitGeometry, cell: WallCell): boolean {
  return cell.w * 2 >= g.columns && cell.h * 2 >= g.rows;
}
