import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/db';
import type { Migration } from '../db/migrations';

/** The hall core's own schema: the secret hall servers sharing a PostgreSQL sign their cluster messages with. */
export const HALL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'hall secret',
    sql: `CREATE TABLE IF NOT EXISTS gridwall_hall_secret (id integer PRIMARY KEY CHECK (id = 1), secret text NOT NULL)`,
  },
];

const fresh = () => randomBytes(32).toString('hex');

/** The secret in the shared database: the first server to start creates it, the others read it. */
export async function secretFromDatabase(db: Db): Promise<string> {
  await db.query('INSERT INTO gridwall_hall_secret (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [fresh()]);
  const rows = await db.query<{ secret: string }>('SELECT secret FROM gridwall_hall_secret WHERE id = 1');
  const secret = rows[0]?.secret;
  if (!secret) throw new Error('the hall secret could not be read from the database');
  return secret;
}

/** The secret in the data dir (one server on an external broker, with the embedded database). */
export async function secretFromFile(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'cluster-secret');
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim().length >= 32) return existing.trim();
  const secret = fresh();
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600).catch(() => {});
  return secret;
}
