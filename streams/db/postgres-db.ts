import pg from 'pg';
import type { Db, Tx } from './db';
import { migrate } from './migrations';

// bigint columns (epoch ms) fit a JS number; parse them as numbers, not strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** PostgreSQL via a connection pool (DATABASE_URL). Migrations run on open. */
export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 8 });
  pool.on('error', () => {}); // an idle client dropping is reported on its next use
  const client = await pool.connect().catch((err: Error) => {
    void pool.end();
    throw new Error(`Cannot connect to PostgreSQL at DATABASE_URL (${err.message}).`);
  });
  try {
    await migrate(async (fn) => {
      await client.query('BEGIN');
      try {
        const tx: Tx = { query: (sql, params) => client.query(sql, params as unknown[]), exec: (sql) => client.query(sql) };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    });
  } finally {
    client.release();
  }
  return {
    engine: 'postgres',
    query: async <R extends object>(sql: string, params?: readonly unknown[]) => (await pool.query(sql, params as unknown[])).rows as R[],
    close: () => pool.end(),
  };
}
