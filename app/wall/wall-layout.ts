import Type, { type Static } from 'typebox';

/**
 * A wall layout is data (docs/architecture.md, "Panels and layouts"): regions on a grid of columns and
 * rows, each naming a panel a module contributes, with its options. Layouts are chosen by the wall's size
 * or by name (`?layout=`), validated before use, and shared by every window of a wall.
 */
export const LayoutRegion = Type.Object(
  {
    /** A panel id, `<module>.<panel>` (e.g. `patrols.roster`). */
    panel: Type.String({ pattern: '^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*$' }),
    x: Type.Integer({ minimum: 0 }),
    y: Type.Integer({ minimum: 0 }),
    w: Type.Integer({ minimum: 1 }),
    h: Type.Integer({ minimum: 1 }),
    options: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]))),
  },
  { additionalProperties: false },
);
export type LayoutRegion = Static<typeof LayoutRegion>;

export const WallLayout = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,31}$' }),
    /** What it is for, in a few words (shown to operators choosing one). */
    title: Type.Object({ zh: Type.String(), en: Type.String() }),
    columns: Type.Integer({ minimum: 1, maximum: 96 }),
    rows: Type.Integer({ minimum: 1, maximum: 48 }),
    /** The wall sizes this layout is made for, width × height in pixels. */
    fits: Type.Array(Type.Tuple([Type.Integer({ minimum: 1 }), Type.Integer({ minimum: 1 })]), { minItems: 1 }),
    regions: Type.Array(LayoutRegion, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type WallLayout = Static<typeof WallLayout>;

/** What is wrong with a layout, one sentence per problem; empty when it is fine. */
export function layoutProblems(layout: WallLayout, knownPanels: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const taken = new Map<string, string>();
  layout.regions.forEach((r, i) => {
    const where = `layout ${layout.name}, region ${i + 1} (${r.panel})`;
    if (!knownPanels.has(r.panel)) problems.push(`${where}: no module contributes the panel "${r.panel}".`);
    if (r.x + r.w > layout.columns || r.y + r.h > layout.rows) problems.push(`${where}: it reaches beyond the ${layout.columns}×${layout.rows} grid.`);
    for (let x = r.x; x < Math.min(r.x + r.w, layout.columns); x++) {
      for (let y = r.y; y < Math.min(r.y + r.h, layout.rows); y++) {
        const other = taken.get(`${x},${y}`);
        if (other) {
          problems.push(`${where}: it overlaps ${other} at column ${x}, row ${y}.`);
          return;
        }
        taken.set(`${x},${y}`, `region ${i + 1} (${r.panel})`);
      }
    }
  });
  return problems;
}

/**
 * The layout for a wall: the one named, if there is one by that name; otherwise the one made for the
 * closest size (aspect ratio first, then area), so a 7680×2160 wall gets a wide layout, not a stretched one.
 */
export function chooseLayout(layouts: readonly WallLayout[], width: number, height: number, name?: string): WallLayout {
  const named = name ? layouts.find((l) => l.name === name) : undefined;
  if (named) return named;
  let best = layouts[0];
  let bestScore = Infinity;
  for (const l of layouts) {
    for (const [w, h] of l.fits) {
      const aspect = Math.abs(Math.log(w / h / (width / height)));
      const area = Math.abs(Math.log((w * h) / (width * height)));
      const score = aspect * 4 + area;
      if (score < bestScore) {
        bestScore = score;
        best = l;
      }
    }
  }
  if (!best) throw new Error('no wall layouts');
  return best;
}
