import { describe, expect, it } from 'vitest';
import { classLabel, classOf, colorClasses, cssRgb, GRID_PALETTE, heatParams, metresPerPixel, stepExpression } from './color-scale';

/** Evaluates a maplibre `step` expression built by stepExpression for a count. */
function evalStep(expr: unknown[], n: number): unknown {
  let out = expr[2];
  for (let i = 3; i < expr.length; i += 2) if (n >= (expr[i] as number)) out = expr[i + 1];
  return out;
}

describe('the grid colour scale', () => {
  it('cuts a fixed domain into whole-count classes, the top one open', () => {
    const c = colorClasses([0, 40]);
    expect(c.map(classLabel)).toEqual(['1–8', '9–16', '17–24', '25–32', '33+']);
    expect(c.map((x) => x.color)).toEqual(GRID_PALETTE);
    expect(colorClasses([0, 3]).map(classLabel)).toEqual(['1', '2', '3+']);
    expect(colorClasses([0, 3]).at(-1)?.color).toEqual(GRID_PALETTE.at(-1));
    expect(colorClasses([0, 0]).map(classLabel)).toEqual(['1+']);
    expect(colorClasses([0, 7]).map(classLabel)).toEqual(['1–2', '3–4', '5–6', '7–8', '9+']);
  });

  it('puts a count in its class: none for zero, the top for anything above the domain', () => {
    const c = colorClasses([0, 40]);
    expect(classOf(0, c)).toBe(-1);
    expect(classOf(undefined, c)).toBe(-1);
    expect(classOf(1, c)).toBe(0);
    expect(classOf(8, c)).toBe(0);
    expect(classOf(9, c)).toBe(1);
    expect(classOf(400, c)).toBe(4);
  });

  it('colours grids on the map by the same classes', () => {
    const c = colorClasses([0, 40]);
    const expr = stepExpression(c);
    expect(evalStep(expr, 0)).toBe('rgba(0,0,0,0)');
    for (const n of [1, 8, 9, 24, 33, 999]) expect(evalStep(expr, n)).toBe(cssRgb((c[classOf(n, c)] ?? c[0])!.color));
  });

  it('keeps the heatmap’s colours meaning the same density at every zoom', () => {
    const domain = [0, 40] as const;
    const at12 = heatParams(12, 39.9, 1, domain, 10_000);
    const at13 = heatParams(13, 39.9, 1, domain, 10_000);
    // Radius grows √2 a level; radius² × metres per pixel stays put, and with it the domain.
    expect(at13.radiusPixels / at12.radiusPixels).toBeCloseTo(Math.SQRT2, 5);
    expect(at13.colorDomain[1]).toBeCloseTo(at12.colorDomain[1], 6);
    // Clamped at deck's 100 px, the domain follows the ratio instead.
    const close = heatParams(19, 39.9, 2, domain, 10_000);
    expect(close.radiusPixels).toBe(100);
    expect(close.colorDomain[1]).toBeCloseTo((0.5908 * 100 ** 2 * metresPerPixel(19, 39.9) * 40) / (10_000 * 2), 9);
    // A domain twice as wide needs twice the density for the same colour.
    expect(heatParams(12, 39.9, 1, [0, 80], 10_000).colorDomain[1]).toBeCloseTo(2 * at12.colorDomain[1], 9);
    expect(at12.colorDomain[0]).toBeGreaterThan(0);
    expect(at12.colorDomain[0]).toBeLessThan(at12.colorDomain[1]);
  });
});
