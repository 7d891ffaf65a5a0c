import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';

/**
 * How far an import of one file got, kept in the data dir under the file's SHA-256, so a rerun of the same
 * bytes (renamed or moved, too) continues after the last committed line, and an edited file starts afresh.
 * Written after every committed batch (temp file, fsync, rename: a crash leaves the old or the new one).
 */
export interface ImportProgress {
  sha256: string;
  /** The file as it was named when imported, for people. */
  file: string;
  /** The mapping's name and a digest of its content: another mapping reads the file afresh. */
  mapping: string;
  /** Every record starting on or before this line is committed (written, skipped or reported bad). */
  line: number;
  rows: number;
  written: number;
  skipped: number;
  bad: number;
  outside: number;
  /** The bad-row CSV and how long it was at this commit (a resumed run cuts it back to that). */
  errorsFile: string;
  errorsBytes: number;
  done: boolean;
  startedAt: string;
  updatedAt: string;
}

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

export function importsDir(dataDir: string): string {
  return path.join(dataDir, 'imports');
}

export function progressFile(dataDir: string, sha256: string): string {
  return path.join(importsDir(dataDir), `${sha256}.json`);
}

export async function readProgress(dataDir: string, sha256: string): Promise<ImportProgress | undefined> {
  try {
    const p = JSON.parse(await readFile(progressFile(dataDir, sha256), 'utf8')) as ImportProgress;
    return p.sha256 === sha256 && Number.isInteger(p.line) ? p : undefined;
  } catch {
    return undefined;
  }
}

export async function writeProgress(dataDir: string, p: ImportProgress): Promise<void> {
  const file = progressFile(dataDir, p.sha256);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  const h = await open(tmp, 'w');
  try {
    await h.writeFile(`${JSON.stringify(p, null, 2)}\n`);
    await h.sync();
  } finally {
    await h.close();
  }
  await rename(tmp, file);
}
