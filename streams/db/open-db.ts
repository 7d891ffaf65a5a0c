import path from 'node:path';
import type { Db } from './db';
import { openPglite } from './pglite-db';
import { openPostgres } from './postgres-db';

/** PostgreSQL when DATABASE_URL is set, else PGlite in `<data dir>/db`. */
export function openDb(opts: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(path.join(opts.dataDir, 'db'));
}
