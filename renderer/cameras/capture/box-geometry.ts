import type { EvidenceBox } from '../../../app/evidence/evidence';

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A box smaller than this share of the frame's side is a slip of the hand, not a box. */
export const MIN_BOX = 0.02;

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const round = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * The box dragged from `a` to `b` (client pixels) on the frame drawn in `rect`, as fractions of the frame
 * (top-left origin, inside the frame, as POST /api/evidence/{id}/case takes it); undefined when too small.
 */
export function boxFromDrag(a: Point, b: Point, rect: Rect): EvidenceBox | undefined {
  if (rect.width <= 0 || rect.height <= 0) return undefined;
  const ax = clamp01((a.x - rect.left) / rect.width);
  const bx = clamp01((b.x - rect.left) / rect.width);
  const ay = clamp01((a.y - rect.top) / rect.height);
  const by = clamp01((b.y - rect.top) / rect.height);
  const x = round(Math.min(ax, bx));
  const y = round(Math.min(ay, by));
  const w = Math.min(round(Math.abs(bx - ax)), 1 - x);
  const h = Math.min(round(Math.abs(by - ay)), 1 - y);
  return w >= MIN_BOX && h >= MIN_BOX ? { x, y, w, h } : undefined;
}

/** Where a box is drawn over the frame, as CSS percentages. */
export function boxStyle(b: EvidenceBox): { left: string; top: string; width: string; height: string } {
  const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
  return { left: pct(b.x), top: pct(b.y), width: pct(b.w), height: pct(b.h) };
}
