import pg from 'pg';
import type { Db, Queryable } from './db';

// bigint columns (epoch ms) fit a JS number; parse them as numbers, not strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** PostgreSQL via a connection pool (DATABASE_URL). The hall runs the modules' migrations once it is open. */
export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 8 });
  pool.on('error', () => {}); // an idle client dropping is reported on its next use
  const probe = await pool.connect().catch((err: Error) => {
    void pool.end();
    throw new Error(`Cannot connect to PostgreSQL at DATABASE_URL (${err.message}).`);
  });
  probe.release();
  const over = (client: pg.PoolClient | pg.Pool): Queryable => ({
    query: async <R extends object>(sql: string, params?: readonly unknown[]) => (await client.query(sql, params as unknown[])).rows as R[],
    exec: async (sql: string) => void (await client.query(sql)),
  });
  return {
    engine: 'postgres',
    ...over(pool),
    tx: async <T>(fn: (q: Queryable) => Promise<T>): Promise<T> => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(over(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
