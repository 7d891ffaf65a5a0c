import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, loadConfig, type Env } from '../../config/config';
import type { Db } from '../../db/db';
import { migrate } from '../../db/migrations';
import { openPglite } from '../../db/pglite-db';
import { openPostgres } from '../../db/postgres-db';
import { loadCameraConfig } from '../camera-config';
import { CAMERA_MIGRATIONS, CAMERAS_MODULE } from '../camera-migrations';
import { CameraStore } from '../camera-store';
import { cameraRows, CameraFileError } from './camera-rows';
import { importCameras } from './import-cameras';

export interface CameraImportOptions {
  dryRun?: boolean;
}

export interface CameraCommandIo {
  say(line: string): void;
  warn(line: string): void;
  env: Env;
}

/** A camera list is small (a district has hundreds to a few thousand); a bigger file is a mistake. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const SHOW_BAD = 50;

async function openDatabase(databaseUrl: string | undefined, dataDir: string): Promise<Db> {
  if (!databaseUrl) return openPglite(path.join(dataDir, 'db'));
  try {
    return await openPostgres(databaseUrl, { max: 2 });
  } catch (err) {
    throw new ConfigError('DATABASE_URL', `DATABASE_URL: ${(err as Error).message}`);
  }
}

/**
 * `gridwall cameras import <file>`: reads the list, checks every row with the hall's source policy
 * (GRIDWALL_CAMERA_HOSTS, CAMERA_FILE_DIR), writes the good ones into the hall's database (PostgreSQL
 * at DATABASE_URL, else the data dir's embedded one, which the hall must not have open) and reports
 * the bad ones by line. Exit code: 0 when every row or some rows were imported, 1 when none could be,
 * 2 when the file cannot be read as a camera list.
 */
export async function runCameraImportCommand(file: string, opts: CameraImportOptions, io: CameraCommandIo): Promise<number> {
  const config = loadConfig(io.env);
  const cameras = loadCameraConfig(io.env, config.dataDir);
  const name = path.basename(file);
  let bytes: Buffer;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new CameraFileError('is not a file');
    if (s.size > MAX_FILE_BYTES) throw new CameraFileError(`is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; a camera list is far smaller`);
    bytes = await readFile(file);
  } catch (err) {
    const why = err instanceof CameraFileError ? err.message : `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
    io.warn(`gridwall: ${file} ${why}.`);
    return 2;
  }
  let rows;
  try {
    rows = cameraRows(name, bytes);
  } catch (err) {
    if (!(err instanceof CameraFileError)) throw err;
    io.warn(`gridwall: ${name} ${err.message}.`);
    return 2;
  }
  const db = opts.dryRun ? undefined : await openDatabase(config.databaseUrl, config.dataDir);
  const engine = config.databaseUrl ? 'PostgreSQL' : `the embedded database (${path.join(config.dataDir, 'db')})`;
  let summary;
  try {
    if (db) await migrate(db, [{ module: CAMERAS_MODULE, migrations: CAMERA_MIGRATIONS }]);
    summary = await importCameras(rows, cameras.policy, db ? new CameraStore(db) : undefined, Date.now());
  } finally {
    await db?.close();
  }
  const written = opts.dryRun ? `${summary.good} good` : `${summary.good} cameras (${summary.created} new, ${summary.updated} replaced)`;
  io.say(`${opts.dryRun ? 'Checked' : `Imported into ${engine}`}: ${name} — ${summary.rows} rows: ${written}, ${summary.bad.length} bad.`);
  if (summary.bad.length) {
    io.say('  bad rows:');
    for (const b of summary.bad.slice(0, SHOW_BAD)) io.say(`    ${b.where}${b.id ? ` (${b.id})` : ''}: ${b.reason}`);
    if (summary.bad.length > SHOW_BAD) io.say(`    … and ${summary.bad.length - SHOW_BAD} more.`);
  }
  if (!opts.dryRun && summary.good > 0) io.say(config.databaseUrl ? '  Running hall servers play them within seconds.' : '  The hall plays them when it starts.');
  if (summary.good > 0) return 0;
  io.warn(`gridwall: nothing could be imported from ${name}: ${summary.rows === 0 ? 'it has no rows under its header' : 'every row is bad (see above)'}.`);
  return 1;
}
