import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from './db';
import { openPglite } from './pglite-db';
import { openPostgres } from './postgres-db';

export interface TestDatabase {
  name: string;
  open(): Promise<Db>;
  /** Drops whatever the test created (a private schema on PostgreSQL). */
  cleanup(): Promise<void>;
}

/** A connection string that puts everything in `schema` (PostgreSQL `options=-c search_path=…`). */
function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/** A private schema on the PostgreSQL at `url`, and a DATABASE_URL that uses it. */
export async function createTestSchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `gw_test_${randomBytes(5).toString('hex')}`;
  const run = async (sql: string) => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await run(`CREATE SCHEMA ${schema}`);
  return { url: withSearchPath(url, schema), drop: () => run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

/**
 * The databases tests run against: PGlite always, and PostgreSQL when DATABASE_URL is set (CI sets it),
 * each test in its own schema so parallel runs never see each other's rows.
 */
export function testDatabases(env: NodeJS.ProcessEnv = process.env): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'pglite', open: () => openPglite(undefined), cleanup: async () => {} }];
  const url = env.DATABASE_URL;
  if (url) {
    let schema: { url: string; drop(): Promise<void> } | undefined;
    list.push({
      name: 'postgres',
      open: async () => {
        schema = await createTestSchema(url);
        return openPostgres(schema.url, { max: 4 });
      },
      cleanup: async () => schema?.drop(),
    });
  }
  return list;
}
