import type { Migration } from '../db/migrations';

/** The hall module the camera table belongs to (its migrations are numbered on their own). */
export const CAMERAS_MODULE = 'cameras';

/**
 * Registered cameras: the spec as registered (jsonb, source URLs with their credentials: the table is the
 * hall's own and never served as is), who changed it last and when (ms since the epoch). `updated_at`
 * only grows, so (count, max, sum) of it tells another hall server the registry changed.
 */
export const CAMERA_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'registered cameras',
    sql: `
      CREATE TABLE IF NOT EXISTS gridwall_camera (
        id          text    PRIMARY KEY,
        spec        jsonb   NOT NULL,
        created_at  bigint  NOT NULL,
        updated_at  bigint  NOT NULL,
        updated_by  text    NOT NULL
      );
    `,
  },
];
