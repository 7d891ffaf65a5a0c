import path from 'node:path';
import { ConfigError, type HallConfig } from '../config/config';
import type { Db } from '../db/db';
import { openPglite } from '../db/pglite-db';
import { openPostgres } from '../db/postgres-db';

export interface DatabaseLink {
  engine: Db['engine'];
  /** The open database, or undefined while it is still opening. */
  current(): Db | undefined;
  /** Resolves when the database is open (and migrated). */
  ready: Promise<Db>;
  error(): string | undefined;
  close(): Promise<void>;
}

/**
 * PostgreSQL (DATABASE_URL) is connected before the hall starts: a wrong URL is a start-up error naming the
 * setting. The embedded PGlite opens in the background (seconds on first start), so the wall goes live at
 * once; tracks wait in memory until it is open.
 */
export async function connectDatabase(config: HallConfig, warn: (line: string) => void): Promise<DatabaseLink> {
  if (config.databaseUrl) {
    let db: Db;
    try {
      db = await openPostgres(config.databaseUrl);
    } catch (err) {
      throw new ConfigError('DATABASE_URL', `DATABASE_URL: ${(err as Error).message}`);
    }
    return { engine: 'postgres', current: () => db, ready: Promise.resolve(db), error: () => undefined, close: () => db.close() };
  }
  const dir = path.join(config.dataDir, 'db');
  let db: Db | undefined;
  let lastError: string | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let opening: Promise<unknown> = Promise.resolve();
  const ready = new Promise<Db>((resolve) => {
    const attempt = () => {
      opening = openPglite(dir).then(
        (opened) => {
          if (closed) return opened.close();
          db = opened;
          lastError = undefined;
          resolve(opened);
        },
        (err: Error) => {
          lastError = err.message;
          warn(`database: ${err.message}; retrying in 30 s`);
          if (!closed) retry = setTimeout(attempt, 30_000);
        },
      );
    };
    attempt();
  });
  return {
    engine: 'pglite',
    current: () => db,
    ready,
    error: () => lastError,
    close: async () => {
      closed = true;
      clearTimeout(retry);
      // A first start may still be creating the data dir: let it finish, so nothing writes there after we return.
      await opening.catch(() => {});
      await db?.close();
    },
  };
}
