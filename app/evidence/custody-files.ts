import type { CustodyEntry } from './custody';
import { parseFileName } from './evidence';

/** A file found in an evidence item's folder, with the SHA-256 of what it holds now. */
export interface FoundFile {
  evidenceId: string;
  name: string;
  actual: string;
}

export interface FileProblem {
  evidenceId: string;
  name?: string;
  kind: 'changed' | 'stray' | 'unlogged' | 'missing' | 'dangling';
  message: string;
}

const key = (evidenceId: string, sha256: string) => `${evidenceId}/${sha256}`;

/**
 * Files against the custody entries: each file holds what its name says (its SHA-256), each stored file was
 * recorded when it was made (`captured`, `exported`), each recorded file is still there, and every other
 * entry names a file that was recorded. `only` limits the check to one evidence item.
 */
export function checkFiles(files: readonly FoundFile[], entries: readonly CustodyEntry[], only?: string): FileProblem[] {
  const problems: FileProblem[] = [];
  const mine = (id: string) => only === undefined || id === only;
  const made = new Map<string, CustodyEntry>();
  for (const e of entries) if (mine(e.evidenceId) && (e.action === 'captured' || e.action === 'exported')) made.set(key(e.evidenceId, e.sha256), e);
  const onDisk = new Set<string>();

  for (const f of files) {
    if (!mine(f.evidenceId)) continue;
    const named = parseFileName(f.name);
    const where = `${f.evidenceId}/${f.name}`;
    if (!named) {
      problems.push({ evidenceId: f.evidenceId, name: f.name, kind: 'stray', message: `${where}: a file the hall never writes lies among the evidence` });
      continue;
    }
    onDisk.add(key(f.evidenceId, named.sha256));
    if (f.actual !== named.sha256) {
      problems.push({ evidenceId: f.evidenceId, name: f.name, kind: 'changed', message: `${where}: the file changed (its SHA-256 is now ${f.actual.slice(0, 16)}…, its name and custody say ${named.sha256.slice(0, 16)}…)` });
    }
    const e = made.get(key(f.evidenceId, named.sha256));
    if (!e) problems.push({ evidenceId: f.evidenceId, name: f.name, kind: 'unlogged', message: `${where}: no custody entry records this file being made (entry missing)` });
    else if (e.file !== named.file) problems.push({ evidenceId: f.evidenceId, name: f.name, kind: 'unlogged', message: `${where}: custody records it as the ${e.file}, its name says ${named.file}` });
  }

  for (const e of entries) {
    if (!mine(e.evidenceId)) continue;
    const k = key(e.evidenceId, e.sha256);
    if ((e.action === 'captured' || e.action === 'exported') && !onDisk.has(k)) {
      problems.push({ evidenceId: e.evidenceId, kind: 'missing', message: `${e.evidenceId}: the ${e.file} custody entry #${e.seq} records (${e.sha256.slice(0, 16)}…) is not on disk: removed or renamed` });
    } else if (e.action !== 'captured' && e.action !== 'exported' && !made.has(k)) {
      problems.push({ evidenceId: e.evidenceId, kind: 'dangling', message: `${e.evidenceId}: entry #${e.seq} (${e.action}) names a file no entry records being made` });
    }
  }
  if (only !== undefined && !entries.some((e) => e.evidenceId === only) && !files.some((f) => f.evidenceId === only)) {
    problems.push({ evidenceId: only, kind: 'missing', message: `${only}: there is no such evidence (no files, no custody entries)` });
  }
  return problems;
}
