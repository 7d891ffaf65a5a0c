import type { Migration } from '../db/migrations';

/**
 * Evidence metadata and an index of the custody log. The files and `custody.log` under
 * `<data>/evidence/` are the record; these tables let the API list and find them without reading the log.
 */
export const EVIDENCE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'evidence items and the custody index',
    sql: `
      CREATE TABLE IF NOT EXISTS gridwall_evidence (
        id           text    PRIMARY KEY,
        camera_id    text    NOT NULL,
        camera       jsonb   NOT NULL,
        stream_time  bigint  NOT NULL,
        frame_time   bigint,
        kind         text    NOT NULL,
        frame_sha256 text    NOT NULL,
        frame_name   text    NOT NULL,
        frame_type   text    NOT NULL,
        clip_state   text    NOT NULL,
        clip_sha256  text,
        clip_name    text,
        clip_from    bigint,
        clip_to      bigint,
        clip_error   text,
        box          jsonb,
        case_id      text,
        created_at   bigint  NOT NULL,
        by_role      text    NOT NULL,
        by_id        text    NOT NULL,
        surface      text
      );
      CREATE INDEX IF NOT EXISTS gridwall_evidence_camera ON gridwall_evidence (camera_id, created_at DESC);
      CREATE INDEX IF NOT EXISTS gridwall_evidence_case ON gridwall_evidence (case_id) WHERE case_id IS NOT NULL;
      CREATE INDEX IF NOT EXISTS gridwall_evidence_pending ON gridwall_evidence (clip_state) WHERE clip_state = 'pending';
      -- One row per custody entry, the line exactly as in the log; per signing key, as each hall keeps its own log.
      CREATE TABLE IF NOT EXISTS gridwall_evidence_custody (
        key          text    NOT NULL,
        seq          bigint  NOT NULL,
        evidence_id  text    NOT NULL,
        line         text    NOT NULL,
        PRIMARY KEY (key, seq)
      );
      CREATE INDEX IF NOT EXISTS gridwall_evidence_custody_item ON gridwall_evidence_custody (evidence_id, seq);
    `,
  },
];
