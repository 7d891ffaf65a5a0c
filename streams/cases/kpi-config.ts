import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Value from 'typebox/value';
import { DEFAULT_WEIGHTS, KpiWeights } from '../../app/case/kpi-score';

/** A bad KPI weights file, said in one sentence naming the file and what to fix. */
export class KpiConfigError extends Error {
  override name = 'KpiConfigError';
}

/**
 * The composite-score weights: `GRIDWALL_KPI_WEIGHTS` (a path), else `<data dir>/kpi-weights.json` when it
 * exists, else the defaults of app/case/kpi-score.ts (docs/domain.md, "KPIs"). A file may give some groups only; the rest keep their defaults.
 */
export async function loadKpiWeights(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<{ weights: KpiWeights; file?: string }> {
  const configured = env.GRIDWALL_KPI_WEIGHTS?.trim();
  const file = configured || path.join(dataDir, 'kpi-weights.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !configured) return { weights: DEFAULT_WEIGHTS };
    throw new KpiConfigError(`${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new KpiConfigError(`${file} is not JSON (${(err as Error).message}).`);
  }
  const merged = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { ...DEFAULT_WEIGHTS, ...parsed } : parsed;
  if (!Value.Check(KpiWeights, merged)) {
    const e = Value.Errors(KpiWeights, merged)[0];
    throw new KpiConfigError(
      `${file}: ${e ? `${e.instancePath || 'the file'} ${e.message}` : 'not KPI weights'}. Give {"region": {"closeRate": 0.3, …}, "department": {…}, "inspector": {…}, "grades": [90, 75, 60, 40]} with weights from 0 to 1.`,
    );
  }
  return { weights: merged, file };
}
