import type { Db, Queryable } from './db';

/** One schema change of one hall module. Versions count per module, so modules never collide. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface ModuleMigrations {
  module: string;
  migrations: readonly Migration[];
}

const LOCK_KEY = 7_351_024; // arbitrary, constant: "gridwall migrations"

/**
 * Before hall modules, migrations were numbered globally and version 1 created what are now the tracks and
 * reports modules' tables. A data dir from then keeps its data: its bookkeeping is carried over.
 */
const LEGACY_V1 = ['tracks', 'reports'];

async function upgradeBookkeeping(q: Queryable): Promise<void> {
  const cols = await q.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = 'gridwall_migration' AND table_schema = current_schema()`,
  );
  if (cols.length === 0) {
    await q.query(`CREATE TABLE gridwall_migration (
      module text NOT NULL, version integer NOT NULL, name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (module, version))`);
    return;
  }
  if (cols.some((c) => c.column_name === 'module')) return;
  const old = await q.query<{ version: number }>('SELECT version FROM gridwall_migration');
  await q.query('ALTER TABLE gridwall_migration RENAME TO gridwall_migration_v0');
  await q.query(`CREATE TABLE gridwall_migration (
    module text NOT NULL, version integer NOT NULL, name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (module, version))`);
  if (old.some((r) => Number(r.version) === 1)) {
    for (const module of LEGACY_V1) {
      await q.query(`INSERT INTO gridwall_migration (module, version, name) VALUES ($1, 1, 'carried over from the single migration list')`, [module]);
    }
  }
  await q.query('DROP TABLE gridwall_migration_v0');
}

/**
 * Applies every module's migrations not applied yet, in one transaction under an advisory lock, so several
 * hall servers can start together on one PostgreSQL. Returns what was applied, as `module@version`.
 */
export async function migrate(db: Db, modules: readonly ModuleMigrations[]): Promise<string[]> {
  const names = new Set<string>();
  for (const m of modules) {
    if (names.has(m.module)) throw new Error(`two hall modules are named "${m.module}"`);
    names.add(m.module);
    const versions = m.migrations.map((x) => x.version);
    if (new Set(versions).size !== versions.length) throw new Error(`module "${m.module}" has two migrations with one version`);
  }
  return db.tx(async (q) => {
    await q.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
    await upgradeBookkeeping(q);
    const done = new Set((await q.query<{ module: string; version: number }>('SELECT module, version FROM gridwall_migration')).map((r) => `${r.module}@${Number(r.version)}`));
    const applied: string[] = [];
    for (const m of modules) {
      for (const step of [...m.migrations].sort((a, b) => a.version - b.version)) {
        const id = `${m.module}@${step.version}`;
        if (done.has(id)) continue;
        await q.exec(step.sql);
        await q.query('INSERT INTO gridwall_migration (module, version, name) VALUES ($1, $2, $3)', [m.module, step.version, step.name]);
        applied.push(id);
      }
    }
    return applied;
  });
}
