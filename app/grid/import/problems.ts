/** What can be wrong with an imported grid set, in the order a report lists them. */
export const PROBLEM_KINDS = [
  'missing-code',
  'malformed-code',
  'duplicate-code',
  'other-district',
  'empty-geometry',
  'not-polygon',
  'unclosed-ring',
  'short-ring',
  'self-intersection',
  'overlap',
  'gap',
  'community',
] as const satisfies ReadonlyArray<string>;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

const TITLES: Record<ProblemKind, string> = {
  'missing-code': 'without a code',
  'malformed-code': 'malformed codes',
  'duplicate-code': 'duplicate codes',
  'other-district': 'codes of another district',
  'empty-geometry': 'empty geometries',
  'not-polygon': 'not polygons',
  'unclosed-ring': 'unclosed rings',
  'short-ring': 'rings too short or without area',
  'self-intersection': 'self-intersections',
  overlap: 'overlaps',
  gap: 'gaps',
  community: 'community mismatches',
};

export interface Problem {
  kind: ProblemKind;
  /** One sentence naming the file, the feature (and code) and what to fix. */
  message: string;
  /** Feature indexes in the source file, for sorting and tests. */
  features: number[];
  /** Grid codes involved (for overlaps both, for gaps the grids around it). */
  codes: string[];
  /** The feature was left out of the import because of it. */
  leftOut: boolean;
}

export interface ProblemGroup {
  kind: ProblemKind;
  title: string;
  count: number;
  shown: Problem[];
}

/** Problems grouped by kind (in report order), counted, the first `perKind` of each kept for display. */
export function groupProblems(problems: readonly Problem[], perKind: number): ProblemGroup[] {
  return PROBLEM_KINDS.flatMap((kind) => {
    const all = problems.filter((p) => p.kind === kind);
    return all.length ? [{ kind, title: TITLES[kind], count: all.length, shown: all.slice(0, perKind) }] : [];
  });
}

/** Report lines: a heading per kind with its count, then its first problems, then how many more. */
export function problemLines(problems: readonly Problem[], perKind: number, heading: string): string[] {
  if (problems.length === 0) return [];
  const lines = [`${heading} (${problems.length}):`];
  for (const g of groupProblems(problems, perKind)) {
    lines.push(`  ${g.title}: ${g.count}`);
    for (const p of g.shown) lines.push(`    ${p.message}`);
    if (g.count > g.shown.length) lines.push(`    … and ${g.count - g.shown.length} more`);
  }
  return lines;
}

/** m² for a message: one decimal below 10 m², whole metres above. */
export function formatM2(m2: number): string {
  return m2 < 10 ? m2.toFixed(1) : String(Math.round(m2));
}

export function formatLngLat(p: readonly [number, number]): string {
  return `(${p[0].toFixed(6)}, ${p[1].toFixed(6)})`;
}
