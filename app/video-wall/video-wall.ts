import Type, { type Static } from 'typebox';

/**
 * The CCTV wall's state (docs/architecture.md, "CCTV wall"): one per hall, on the `video-wall` channel,
 * so every window of the wall shows the same split, the same cameras in the same cells and the same
 * tour page. Pure data; the hall changes it (`PUT /api/video-wall`, the tour timer), the wall draws it.
 */

const CameraRef = Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' });

/** The standard splits (分屏): 1, 4, 6 (one big, five small), 9, 16, 25, or the operator's own cells. */
export const SPLITS = [1, 4, 6, 9, 16, 25] as const;
export type StandardSplit = (typeof SPLITS)[number];
export const WallSplit = Type.Union([
  Type.Literal(1),
  Type.Literal(4),
  Type.Literal(6),
  Type.Literal(9),
  Type.Literal(16),
  Type.Literal(25),
  Type.Literal('custom'),
]);
export type WallSplit = Static<typeof WallSplit>;

/** The most cells a split may have: 25 tiles is what one wall PC is sized to decode. */
export const MAX_CELLS = 25;
export const MAX_CUSTOM_SIDE = 8;

/** A cell on the split's grid, in grid units (top left 0,0). */
export const WallCell = Type.Object(
  {
    x: Type.Integer({ minimum: 0, maximum: MAX_CUSTOM_SIDE - 1 }),
    y: Type.Integer({ minimum: 0, maximum: MAX_CUSTOM_SIDE - 1 }),
    w: Type.Integer({ minimum: 1, maximum: MAX_CUSTOM_SIDE }),
    h: Type.Integer({ minimum: 1, maximum: MAX_CUSTOM_SIDE }),
  },
  { additionalProperties: false },
);
export type WallCell = Static<typeof WallCell>;

/** An operator's own split: cells on a grid of columns × rows (each grid unit is 16:9). */
export const CustomSplit = Type.Object(
  {
    columns: Type.Integer({ minimum: 1, maximum: MAX_CUSTOM_SIDE }),
    rows: Type.Integer({ minimum: 1, maximum: MAX_CUSTOM_SIDE }),
    cells: Type.Array(WallCell, { minItems: 1, maxItems: MAX_CELLS }),
  },
  { additionalProperties: false },
);
export type CustomSplit = Static<typeof CustomSplit>;

/** Who paused the tour: an alarm, a new video-captured case (视频立案), or an operator. */
export const PauseReason = Type.Union([Type.Literal('alarm'), Type.Literal('video-case'), Type.Literal('operator')]);
export type PauseReason = Static<typeof PauseReason>;

export const MIN_DWELL_S = 5;
export const MAX_DWELL_S = 3600;

/**
 * A tour (轮巡): a camera group — or a list of cameras, or every camera when neither is given — cycled
 * page by page through the cells that are not pinned, `dwellS` seconds a page. `position` counts pages
 * shown since the tour was set (the page is `position` modulo the page count, so a camera added or
 * removed never leaves the wall on a page that does not exist); `startedAt` is when this page came up.
 */
export const TourState = Type.Object(
  {
    group: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    cameras: Type.Optional(Type.Array(CameraRef, { maxItems: 2000 })),
    dwellS: Type.Integer({ minimum: MIN_DWELL_S, maximum: MAX_DWELL_S }),
    position: Type.Integer({ minimum: 0 }),
    startedAt: Type.Number({ minimum: 0 }),
    pausedBy: Type.Optional(PauseReason),
    /** Resumes by itself then (epoch ms); a pause without it lasts until someone resumes. */
    pausedUntil: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type TourState = Static<typeof TourState>;

export const VideoWallState = Type.Object(
  {
    id: Type.Literal('wall'),
    /** Goes up by one with every change: a PUT may name the version it changes (409 if it moved on). */
    version: Type.Integer({ minimum: 0 }),
    layout: WallSplit,
    custom: Type.Optional(CustomSplit),
    /** The camera each cell shows when it is pinned or no tour runs (null: none chosen). */
    cells: Type.Array(Type.Union([CameraRef, Type.Null()]), { maxItems: MAX_CELLS }),
    /** Cells that keep their camera while the tour turns. */
    pinned: Type.Array(Type.Integer({ minimum: 0, maximum: MAX_CELLS - 1 }), { maxItems: MAX_CELLS }),
    tour: Type.Optional(TourState),
    /** The cell shown over the whole wall, on the camera's main stream. */
    maximised: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_CELLS - 1 })),
    updatedAt: Type.Number({ minimum: 0 }),
    by: Type.String({ maxLength: 64 }),
  },
  { additionalProperties: false },
);
export type VideoWallState = Static<typeof VideoWallState>;

/** A tour as an operator sets it: where the page is and whether it is paused belong to the hall. */
export const TourRequest = Type.Object(
  {
    group: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    cameras: Type.Optional(Type.Array(CameraRef, { minItems: 1, maxItems: 2000 })),
    dwellS: Type.Integer({ minimum: MIN_DWELL_S, maximum: MAX_DWELL_S }),
  },
  { additionalProperties: false },
);
export type TourRequest = Static<typeof TourRequest>;

/** `PUT /api/video-wall`: what to change; what is left out stays as it is. */
export const VideoWallUpdate = Type.Object(
  {
    /** The version this change was made against (409 when the wall moved on meanwhile). */
    version: Type.Optional(Type.Integer({ minimum: 0 })),
    layout: Type.Optional(WallSplit),
    custom: Type.Optional(CustomSplit),
    cells: Type.Optional(Type.Array(Type.Union([CameraRef, Type.Null()]), { maxItems: MAX_CELLS })),
    pinned: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: MAX_CELLS - 1 }), { maxItems: MAX_CELLS })),
    /** null stops the tour. */
    tour: Type.Optional(Type.Union([TourRequest, Type.Null()])),
    /** null shows the split again. */
    maximised: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: MAX_CELLS - 1 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type VideoWallUpdate = Static<typeof VideoWallUpdate>;

/** `POST /api/video-wall/tour/pause`. Without seconds, an operator's pause lasts until resumed. */
export const TourPause = Type.Object(
  {
    by: Type.Optional(PauseReason),
    seconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 3600 })),
  },
  { additionalProperties: false },
);
export type TourPause = Static<typeof TourPause>;

/** How long a new video-captured case holds the tour, so the hall can look at the scene (seconds). */
export const VIDEO_CASE_PAUSE_S = 120;
/** An alarm's pause, unless it says otherwise. */
export const ALARM_PAUSE_S = 300;

/** The wall a hall starts with: nine tiles touring every camera, 30 s a page. */
export function defaultVideoWall(now: number): VideoWallState {
  return { id: 'wall', version: 0, layout: 9, cells: [], pinned: [], tour: { dwellS: 30, position: 0, startedAt: now }, updatedAt: now, by: 'default' };
}
