import type { Tx } from './db';

/**
 * The schema, as numbered migrations. The same SQL runs on PGlite and on PostgreSQL; each migration runs
 * once, in a transaction, under an advisory lock so several hall servers can start together.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'patrol tracks and inspector reports',
    sql: `
      CREATE TABLE patrol_fix (
        unit_id     text             NOT NULL,
        ts          bigint           NOT NULL,  -- epoch ms, terminal clock
        lon         double precision NOT NULL,  -- WGS84
        lat         double precision NOT NULL,
        speed       real,
        heading     real,
        accuracy    real,
        received_at bigint           NOT NULL,  -- epoch ms, server clock
        PRIMARY KEY (unit_id, ts)
      );
      -- Retention deletes by time; a BRIN index is tiny and suits append-mostly data.
      CREATE INDEX patrol_fix_ts_brin ON patrol_fix USING brin (ts);

      CREATE TABLE inspector_report (
        id          text             PRIMARY KEY,
        unit_id     text,
        ts          bigint           NOT NULL,
        received_at bigint           NOT NULL,
        lon         double precision NOT NULL,
        lat         double precision NOT NULL,
        street      text,
        category    text             NOT NULL,
        description text             NOT NULL,
        photos      jsonb            NOT NULL DEFAULT '[]'
      );
      CREATE INDEX inspector_report_received ON inspector_report (received_at DESC);
    `,
  },
];

const LOCK_KEY = 7_351_024; // arbitrary, constant: "gridwall migrations"

/** Applies the migrations not applied yet. `transaction` runs its callback in one transaction. */
export async function migrate(transaction: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>): Promise<number[]> {
  return transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
    await tx.exec(`CREATE TABLE IF NOT EXISTS gridwall_migration (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await tx.query('SELECT version FROM gridwall_migration')).rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO gridwall_migration (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
