import type { CustodyEntry } from '../../app/evidence/custody';
import type { ClipState, EvidenceBox, EvidenceCamera, EvidenceKind, EvidenceRecord } from '../../app/evidence/evidence';
import type { Db } from '../db/db';

/** An evidence item as the module keeps it: the record and the names of its files. */
export interface EvidenceItem {
  record: EvidenceRecord;
  frameName: string;
  clipName?: string;
}

interface Row {
  id: string;
  camera_id: string;
  camera: unknown;
  stream_time: number | string;
  frame_time: number | string | null;
  kind: string;
  frame_sha256: string;
  frame_name: string;
  frame_type: string;
  clip_state: string;
  clip_sha256: string | null;
  clip_name: string | null;
  clip_from: number | string | null;
  clip_to: number | string | null;
  clip_error: string | null;
  box: unknown;
  case_id: string | null;
  created_at: number | string;
  by_role: string;
  by_id: string;
  surface: string | null;
}

const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
const num = (v: number | string | null) => (v === null ? undefined : Number(v));

// Rows are our own writes, checked when they were made: cast, not re-validated.
function itemOf(r: Row): EvidenceItem {
  const rec: EvidenceRecord = {
    id: r.id,
    camera: json<EvidenceCamera>(r.camera),
    streamTime: Number(r.stream_time),
    kind: r.kind as EvidenceKind,
    sha256: r.frame_sha256,
    frameType: r.frame_type === 'image/jpeg' ? 'image/jpeg' : 'image/png',
    clip: { state: r.clip_state as ClipState },
    createdAt: Number(r.created_at),
    by: { role: r.by_role, id: r.by_id },
  };
  const frameTime = num(r.frame_time);
  if (frameTime !== undefined) rec.frameTime = frameTime;
  if (r.clip_sha256) rec.clip.sha256 = r.clip_sha256;
  const from = num(r.clip_from);
  const to = num(r.clip_to);
  if (from !== undefined) rec.clip.from = from;
  if (to !== undefined) rec.clip.to = to;
  if (r.clip_error) rec.clip.error = r.clip_error;
  if (r.box !== null && r.box !== undefined) rec.box = json<EvidenceBox>(r.box);
  if (r.case_id) rec.caseId = r.case_id;
  if (r.surface) rec.surface = r.surface;
  return { record: rec, frameName: r.frame_name, ...(r.clip_name ? { clipName: r.clip_name } : {}) };
}

export class EvidenceStore {
  constructor(private readonly db: Db) {}

  async insert(item: EvidenceItem): Promise<void> {
    const r = item.record;
    await this.db.query(
      `INSERT INTO gridwall_evidence (id, camera_id, camera, stream_time, frame_time, kind, frame_sha256, frame_name, frame_type, clip_state, box, created_at, by_role, by_id, surface)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15)`,
      [r.id, r.camera.id, JSON.stringify(r.camera), r.streamTime, r.frameTime ?? null, r.kind, r.sha256, item.frameName, r.frameType, r.clip.state, r.box ? JSON.stringify(r.box) : null, r.createdAt, r.by.role, r.by.id, r.surface ?? null],
    );
  }

  async get(id: string): Promise<EvidenceItem | undefined> {
    const [row] = await this.db.query<Row>('SELECT * FROM gridwall_evidence WHERE id = $1', [id]);
    return row ? itemOf(row) : undefined;
  }

  /** Items whose clip is still being cut (to resume after a restart). */
  async pendingClips(): Promise<EvidenceItem[]> {
    return (await this.db.query<Row>("SELECT * FROM gridwall_evidence WHERE clip_state = 'pending' ORDER BY created_at")).map(itemOf);
  }

  async clipReady(id: string, clip: { sha256: string; name: string; from: number; to: number }): Promise<void> {
    await this.db.query("UPDATE gridwall_evidence SET clip_state = 'ready', clip_sha256 = $2, clip_name = $3, clip_from = $4, clip_to = $5, clip_error = NULL WHERE id = $1", [id, clip.sha256, clip.name, clip.from, clip.to]);
  }

  async clipFailed(id: string, error: string): Promise<void> {
    await this.db.query("UPDATE gridwall_evidence SET clip_state = 'failed', clip_error = $2 WHERE id = $1", [id, error.slice(0, 300)]);
  }

  /** Records the case; false when the item already has one (a retry: nothing changes). */
  async linkCase(id: string, caseId: string, box?: EvidenceBox): Promise<boolean> {
    const rows = await this.db.query('UPDATE gridwall_evidence SET case_id = $2, box = COALESCE($3::jsonb, box) WHERE id = $1 AND case_id IS NULL RETURNING id', [id, caseId, box ? JSON.stringify(box) : null]);
    return rows.length === 1;
  }

  async indexCustody(entry: CustodyEntry, line: string): Promise<void> {
    await this.db.query('INSERT INTO gridwall_evidence_custody (key, seq, evidence_id, line) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [entry.key, entry.seq, entry.evidenceId, line]);
  }

  async lastIndexed(key: string): Promise<number> {
    const [row] = await this.db.query<{ last: number | string | null }>('SELECT max(seq) AS last FROM gridwall_evidence_custody WHERE key = $1', [key]);
    return Number(row?.last ?? 0);
  }

  /** The custody lines of one item, in order, as the log holds them. */
  async custodyLines(id: string): Promise<string[]> {
    return (await this.db.query<{ line: string }>('SELECT line FROM gridwall_evidence_custody WHERE evidence_id = $1 ORDER BY key, seq', [id])).map((r) => r.line);
  }

  /** The classes of video-captured cases near a point in the last `days`, most frequent first. */
  async videoCategoriesNear(lon: number, lat: number, radiusM: number, since: number, limit: number): Promise<Array<{ category: string; count: number }>> {
    const dLat = radiusM / 111_320;
    const dLon = radiusM / (111_320 * Math.max(0.05, Math.cos((lat * Math.PI) / 180)));
    const rows = await this.db.query<{ category: string; n: number | string }>(
      `SELECT category, count(*) AS n FROM gridwall_case
       WHERE source = 'video' AND reported_at >= $1 AND lon BETWEEN $2 AND $3 AND lat BETWEEN $4 AND $5
       GROUP BY category ORDER BY count(*) DESC, category LIMIT $6`,
      [since, lon - dLon, lon + dLon, lat - dLat, lat + dLat, limit],
    );
    return rows.map((r) => ({ category: r.category, count: Number(r.n) }));
  }
}
