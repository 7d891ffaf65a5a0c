import type { Migration } from '../db/migrations';

/** The hall module the case tables belong to (its migrations are numbered on their own). */
export const CASES_MODULE = 'cases';

/**
 * Cases (案卷) and their append-only history. Times are ms since the epoch (bigint), as elsewhere in the hall.
 * The case row repeats what its history says (stage, department, last seq) and the current stage's
 * deadline, so lists and red-light counts never replay histories; the store keeps them current in the
 * same transaction that appends an event.
 */
export const CASE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cases, their history and case numbers',
    sql: `
      CREATE TABLE IF NOT EXISTS gridwall_case (
        id               text             PRIMARY KEY,
        case_no          text             NOT NULL UNIQUE,
        client_id        text             NOT NULL UNIQUE,
        source           text             NOT NULL,
        category         text             NOT NULL,
        lon              double precision NOT NULL,
        lat              double precision NOT NULL,
        grid             text,
        community        text,
        street           text,
        description      text             NOT NULL,
        address          text,
        reported_at      bigint           NOT NULL,
        photos           jsonb            NOT NULL DEFAULT '[]',
        stage            text             NOT NULL,
        department       text,
        outside_district boolean          NOT NULL DEFAULT false,
        urgent           boolean          NOT NULL DEFAULT false,
        last_seq         integer          NOT NULL,
        deadline         bigint,
        created_at       bigint           NOT NULL,
        updated_at       bigint           NOT NULL
      );
      CREATE TABLE IF NOT EXISTS gridwall_case_event (
        case_id    text    NOT NULL REFERENCES gridwall_case (id),
        seq        integer NOT NULL,
        at         bigint  NOT NULL,
        action     text    NOT NULL,
        stage      text    NOT NULL,
        role       text    NOT NULL,
        actor_id   text    NOT NULL,
        surface    text,
        note       text,
        department text,
        until      bigint,
        photos     jsonb,
        PRIMARY KEY (case_id, seq)
      );
      -- One row per centre and hall day: the last sequence number handed out (案卷号).
      CREATE TABLE IF NOT EXISTS gridwall_case_counter (
        centre text    NOT NULL,
        day    text    NOT NULL,
        last   integer NOT NULL,
        PRIMARY KEY (centre, day)
      );
      -- Lists page newest first by (reported_at DESC, id); each filter gets that order behind it.
      CREATE INDEX IF NOT EXISTS gridwall_case_reported ON gridwall_case (reported_at DESC, id);
      CREATE INDEX IF NOT EXISTS gridwall_case_stage ON gridwall_case (stage, reported_at DESC, id);
      CREATE INDEX IF NOT EXISTS gridwall_case_street ON gridwall_case (street, reported_at DESC, id);
      CREATE INDEX IF NOT EXISTS gridwall_case_community ON gridwall_case (community, reported_at DESC, id);
      CREATE INDEX IF NOT EXISTS gridwall_case_grid ON gridwall_case (grid, reported_at DESC, id);
      CREATE INDEX IF NOT EXISTS gridwall_case_category ON gridwall_case (category, reported_at DESC, id);
      CREATE INDEX IF NOT EXISTS gridwall_case_source ON gridwall_case (source, reported_at DESC, id);
      CREATE INDEX IF NOT EXISTS gridwall_case_deadline ON gridwall_case (deadline) WHERE deadline IS NOT NULL;
    `,
  },
  {
    version: 2,
    name: 'what the KPIs count, kept beside each case',
    // Read off the history by app/case/case-facts.ts in the same transaction as each event, so a month of
    // KPIs by street, grid or department is one scan of gridwall_case (see kpi-store.ts).
    sql: `
      ALTER TABLE gridwall_case ADD COLUMN IF NOT EXISTS reporter       text;
      ALTER TABLE gridwall_case ADD COLUMN IF NOT EXISTS filed_at       bigint;
      ALTER TABLE gridwall_case ADD COLUMN IF NOT EXISTS dispatched_at  bigint;
      ALTER TABLE gridwall_case ADD COLUMN IF NOT EXISTS handled_at     bigint;
      ALTER TABLE gridwall_case ADD COLUMN IF NOT EXISTS closed_at      bigint;
      ALTER TABLE gridwall_case ADD COLUMN IF NOT EXISTS closed_on_time boolean;
      ALTER TABLE gridwall_case ADD COLUMN IF NOT EXISTS reworks        integer NOT NULL DEFAULT 0;
      ALTER TABLE gridwall_case ADD COLUMN IF NOT EXISTS extended       boolean NOT NULL DEFAULT false;
      CREATE INDEX IF NOT EXISTS gridwall_case_filed ON gridwall_case (filed_at) WHERE filed_at IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'histories that came with a case, kept as one document (json: stored as written, read whole)',
    // An imported case's stages (or the demo's made-up past) happened in another system: they are written
    // once, never appended to, so they are one jsonb array per case instead of ~8 event rows each (an import
    // is then ~3× faster). Events the hall itself records follow in gridwall_case_event, seq continuing.
    sql: `
      CREATE TABLE IF NOT EXISTS gridwall_case_past (
        case_id text  PRIMARY KEY REFERENCES gridwall_case (id),
        events  json  NOT NULL
      );
    `,
  },
];
