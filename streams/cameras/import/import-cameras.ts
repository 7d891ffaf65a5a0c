import { Compile } from 'typebox/compile';
import { CameraSpec, MAX_CAMERAS } from '../../../app/camera/camera-spec';
import { printable } from '../../../app/text/printable';
import type { SourcePolicy } from '../../../app/camera/source-policy';
import { resolveSources } from '../camera-sources';
import type { CameraStore } from '../camera-store';
import type { CameraRow } from './camera-rows';

export interface BadRow {
  where: string;
  id?: string;
  reason: string;
}

export interface CameraImportSummary {
  rows: number;
  created: number;
  updated: number;
  /** Good rows (a dry run: what would be written). */
  good: number;
  bad: BadRow[];
}

const checkSpec = Compile(CameraSpec);

/** The first schema error of a row, named by its field (`/main/url` → `main.url`). */
function schemaReason(value: unknown): string {
  const e = checkSpec.Errors(value)[0];
  if (!e) return 'not a camera';
  const field = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'the camera';
  return `${field} ${e.message}`;
}

/**
 * Checks every row as `POST /api/cameras` would (the spec schema, then the source policy), then writes
 * the good ones in one transaction, added or replaced by id, so importing a file twice changes nothing.
 * Without a store it only checks (a dry run).
 */
export async function importCameras(rows: readonly CameraRow[], policy: SourcePolicy, store: CameraStore | undefined, at: number): Promise<CameraImportSummary> {
  const bad: BadRow[] = [];
  const good: Array<{ row: CameraRow; spec: CameraSpec }> = [];
  const firstAt = new Map<string, string>();
  for (const row of rows) {
    const refuse = (reason: string) => bad.push({ where: row.where, ...(row.id ? { id: printable(row.id, 64) } : {}), reason });
    if (row.error) {
      refuse(row.error);
      continue;
    }
    if (!checkSpec.Check(row.value)) {
      refuse(schemaReason(row.value));
      continue;
    }
    const spec = row.value;
    const earlier = firstAt.get(spec.id);
    if (earlier) {
      refuse(`camera ${spec.id} is given already (${earlier})`);
      continue;
    }
    firstAt.set(spec.id, row.where);
    const sources = await resolveSources(spec, policy);
    if (!sources.ok) {
      refuse(sources.reason);
      continue;
    }
    good.push({ row, spec });
  }
  const summary: CameraImportSummary = { rows: rows.length, created: 0, updated: 0, good: good.length, bad };
  if (!store || good.length === 0) return summary;
  const outcomes = await store.putMany(
    good.map((g) => g.spec),
    'import',
    at,
  );
  outcomes.forEach((o, i) => {
    const g = good[i] as (typeof good)[number];
    if (o === 'created') summary.created++;
    else if (o === 'updated') summary.updated++;
    else bad.push({ where: g.row.where, id: g.spec.id, reason: `the hall holds at most ${MAX_CAMERAS} cameras` });
  });
  summary.good = summary.created + summary.updated;
  bad.sort((a, b) => order(a.where) - order(b.where));
  return summary;
}

const order = (where: string) => Number(/\d+/.exec(where)?.[0] ?? 0);
