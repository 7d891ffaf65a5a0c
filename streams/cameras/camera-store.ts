import { Compile } from 'typebox/compile';
import { CameraSpec, MAX_CAMERAS } from '../../app/camera/camera-spec';
import type { Db, Queryable } from '../db/db';

/** A camera as the store holds it. */
export interface StoredCamera {
  spec: CameraSpec;
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
}

export type PutOutcome = 'created' | 'updated' | 'full';

interface Row {
  id: string;
  spec: unknown;
  created_at: string | number;
  updated_at: string | number;
  updated_by: string;
}

const checkSpec = Compile(CameraSpec);
// Serialises writes that count cameras (the limit holds across hall servers on one PostgreSQL).
const WRITE_LOCK = 7_351_025;

/**
 * The camera registry in the database (`gridwall_camera`): specs with their real source URLs, for the
 * hall's own use only. Rows are re-checked against the spec schema when read: a row edited by hand into
 * something the API would refuse is skipped and reported, never served.
 */
export class CameraStore {
  constructor(
    private readonly db: Db,
    private readonly opts: { max?: number; onBadRow?: (id: string) => void } = {},
  ) {}

  private get max(): number {
    return this.opts.max ?? MAX_CAMERAS;
  }

  private fromRow(r: Row): StoredCamera | undefined {
    let spec: unknown = r.spec;
    try {
      if (typeof spec === 'string') spec = JSON.parse(spec);
    } catch {
      spec = undefined;
    }
    if (!checkSpec.Check(spec) || spec.id !== r.id) {
      this.opts.onBadRow?.(r.id);
      return undefined;
    }
    return { spec, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at), updatedBy: r.updated_by };
  }

  async list(): Promise<StoredCamera[]> {
    const rows = await this.db.query<Row>('SELECT id, spec, created_at, updated_at, updated_by FROM gridwall_camera ORDER BY id');
    return rows.flatMap((r) => this.fromRow(r) ?? []);
  }

  async get(id: string): Promise<StoredCamera | undefined> {
    const [r] = await this.db.query<Row>('SELECT id, spec, created_at, updated_at, updated_by FROM gridwall_camera WHERE id = $1', [id]);
    return r ? this.fromRow(r) : undefined;
  }

  async count(): Promise<number> {
    const [r] = await this.db.query<{ n: string | number }>('SELECT count(*) AS n FROM gridwall_camera');
    return Number(r?.n ?? 0);
  }

  /** Changes whenever a camera is added, changed or deleted (by this hall server, another, or an import). */
  async fingerprint(): Promise<string> {
    const [r] = await this.db.query<{ n: string | number; mx: string | number | null; sm: string | number | null }>(
      'SELECT count(*) AS n, max(updated_at) AS mx, sum(updated_at) AS sm FROM gridwall_camera',
    );
    return `${String(r?.n ?? 0)}:${String(r?.mx ?? 0)}:${String(r?.sm ?? 0)}`;
  }

  /** Adds a camera; `exists` when the id is taken, `full` at the limit. */
  async create(spec: CameraSpec, by: string, at: number): Promise<'created' | 'exists' | 'full'> {
    return this.db.tx(async (q) => {
      await q.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
      if ((await q.query('SELECT 1 FROM gridwall_camera WHERE id = $1', [spec.id])).length) return 'exists';
      if ((await countIn(q)) >= this.max) return 'full';
      await q.query('INSERT INTO gridwall_camera (id, spec, created_at, updated_at, updated_by) VALUES ($1, $2::jsonb, $3, $3, $4)', [spec.id, JSON.stringify(spec), at, by]);
      return 'created';
    });
  }

  /** Replaces an existing camera's spec; false when there is none. */
  async replace(spec: CameraSpec, by: string, at: number): Promise<boolean> {
    const rows = await this.db.query(
      'UPDATE gridwall_camera SET spec = $2::jsonb, updated_at = GREATEST($3, updated_at + 1), updated_by = $4 WHERE id = $1 RETURNING id',
      [spec.id, JSON.stringify(spec), at, by],
    );
    return rows.length > 0;
  }

  /** Adds or replaces one camera (`full` when it is new and the hall holds the most it may). */
  async put(spec: CameraSpec, by: string, at: number): Promise<PutOutcome> {
    const [outcome] = await this.putMany([spec], by, at);
    return outcome ?? 'full';
  }

  /** Adds or replaces cameras in one transaction (imports): each id's outcome, `full` past the limit. */
  async putMany(specs: readonly CameraSpec[], by: string, at: number): Promise<PutOutcome[]> {
    return this.db.tx(async (q) => {
      await q.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
      let n = await countIn(q);
      const out: PutOutcome[] = [];
      for (const spec of specs) {
        const updated = await q.query(
          'UPDATE gridwall_camera SET spec = $2::jsonb, updated_at = GREATEST($3, updated_at + 1), updated_by = $4 WHERE id = $1 RETURNING id',
          [spec.id, JSON.stringify(spec), at, by],
        );
        if (updated.length) {
          out.push('updated');
          continue;
        }
        if (n >= this.max) {
          out.push('full');
          continue;
        }
        await q.query('INSERT INTO gridwall_camera (id, spec, created_at, updated_at, updated_by) VALUES ($1, $2::jsonb, $3, $3, $4)', [spec.id, JSON.stringify(spec), at, by]);
        n++;
        out.push('created');
      }
      return out;
    });
  }

  async delete(id: string): Promise<boolean> {
    return (await this.db.query('DELETE FROM gridwall_camera WHERE id = $1 RETURNING id', [id])).length > 0;
  }
}

async function countIn(q: Queryable): Promise<number> {
  const [r] = await q.query<{ n: string | number }>('SELECT count(*) AS n FROM gridwall_camera');
  return Number(r?.n ?? 0);
}
