/** A 64 px icon alone in its atlas, drawn white and tinted per item by deck.gl (`mask`), anchored at its centre. */
export const ICON_64 = { x: 0, y: 0, width: 64, height: 64, anchorY: 32, mask: true } as const;

/**
 * An icon atlas drawn once on a canvas, not fetched: the wall's CSP lets deck.gl fetch nothing but the
 * hall, and a canvas needs no fetch at all. `draw` paints in white on a 64×64 context.
 */
export function canvasIconAtlas(draw: (g: CanvasRenderingContext2D) => void): () => HTMLCanvasElement {
  let atlas: HTMLCanvasElement | undefined;
  return () => {
    if (atlas) return atlas;
    const c = document.createElement('canvas');
    c.width = 64;
    c.height = 64;
    const g = c.getContext('2d');
    if (g) {
      g.fillStyle = '#fff';
      g.strokeStyle = '#fff';
      draw(g);
    }
    atlas = c;
    return c;
  };
}
