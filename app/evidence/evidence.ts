import Type, { type Static } from 'typebox';

/**
 * Evidence (取证): a frame an operator captured from a camera, the clip around it, and what happened to
 * them since (docs/architecture.md, "Evidence"). These are the wire shapes; the custody chain is in
 * custody.ts.
 */

/** `ev-<UTC yyyymmddhhmmss>-<8 hex>`: sorts by capture time and fits a case's client id (`evidence:<id>`). */
export const EvidenceId = Type.String({ pattern: '^ev-[0-9]{14}-[0-9a-f]{8}$' });
export const EVIDENCE_ID = /^ev-[0-9]{14}-[0-9a-f]{8}$/;

export const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });
export const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Where the frame came from: cut by the hall from its DVR window (`dvr`), from the player's buffered
 * segment (`buffered`, reserved), or the picture the client itself showed (`screen-capture`, a fallback
 * with lower weight: the hall did not see it).
 */
export const EVIDENCE_KINDS = ['dvr', 'buffered', 'screen-capture'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EvidenceKind = Type.Enum(EVIDENCE_KINDS);

/** A rectangle the operator drew on the frame, as fractions of its width and height (top-left origin). */
export const EvidenceBox = Type.Object(
  {
    x: Type.Number({ minimum: 0, maximum: 1 }),
    y: Type.Number({ minimum: 0, maximum: 1 }),
    w: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
    h: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);
export type EvidenceBox = Static<typeof EvidenceBox>;

/** A box that also stays inside the frame (the schema checks each number alone). */
export function boxInside(b: EvidenceBox): boolean {
  const eps = 1e-9;
  return b.x + b.w <= 1 + eps && b.y + b.h <= 1 + eps;
}

/** The files one evidence item may hold; each is named `<file>.<sha256>.<ext>`. */
export const EVIDENCE_FILES = ['frame', 'clip', 'export'] as const;
export type EvidenceFile = (typeof EVIDENCE_FILES)[number];

const FILE_NAME = /^(frame|clip|export)\.([0-9a-f]{64})\.(png|jpg|mp4)$/;

export function fileName(file: EvidenceFile, sha256: string, ext: 'png' | 'jpg' | 'mp4'): string {
  return `${file}.${sha256}.${ext}`;
}

/** The kind and hash a stored file's name claims; undefined for a name that is none of ours. */
export function parseFileName(name: string): { file: EvidenceFile; sha256: string; ext: string } | undefined {
  const m = FILE_NAME.exec(name);
  return m ? { file: m[1] as EvidenceFile, sha256: m[2] as string, ext: m[3] as string } : undefined;
}

/** A new evidence id at `at` (epoch ms) with 8 hex digits of randomness. */
export function evidenceId(at: number, randomHex: string): string {
  if (!/^[0-9a-f]{8}$/.test(randomHex)) throw new RangeError('an evidence id needs 8 lowercase hex digits of randomness');
  const stamp = new Date(at).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `ev-${stamp}-${randomHex}`;
}

export const ClipState = Type.Union([Type.Literal('pending'), Type.Literal('ready'), Type.Literal('failed'), Type.Literal('none')]);
export type ClipState = Static<typeof ClipState>;

/** The camera as it was at capture (it may move or be removed later; the evidence keeps where it was). */
export const EvidenceCamera = Type.Object({
  id: Type.String({ maxLength: 64 }),
  name: Type.String({ maxLength: 80 }),
  lon: Type.Optional(Type.Number()),
  lat: Type.Optional(Type.Number()),
  street: Type.Optional(Type.String()),
  community: Type.Optional(Type.String()),
  grid: Type.Optional(Type.String()),
});
export type EvidenceCamera = Static<typeof EvidenceCamera>;

/** An evidence item as stored and listed. */
export const EvidenceRecord = Type.Object({
  id: EvidenceId,
  camera: EvidenceCamera,
  /** The stream time the client asked for (epoch ms, from the stream's PROGRAM-DATE-TIME). */
  streamTime: Type.Number(),
  /** The stream time of the frame actually cut (the last frame shown at or before streamTime). */
  frameTime: Type.Optional(Type.Number()),
  kind: EvidenceKind,
  sha256: Sha256,
  frameType: Type.Union([Type.Literal('image/png'), Type.Literal('image/jpeg')]),
  clip: Type.Object({
    state: ClipState,
    sha256: Type.Optional(Sha256),
    /** Stream times the clip covers (whole DVR segments around T−10 s … T+5 s). */
    from: Type.Optional(Type.Number()),
    to: Type.Optional(Type.Number()),
    error: Type.Optional(Type.String()),
  }),
  box: Type.Optional(EvidenceBox),
  caseId: Type.Optional(Type.String()),
  createdAt: Type.Number(),
  by: Type.Object({ role: Type.String(), id: Type.String() }),
  surface: Type.Optional(Type.String()),
});
export type EvidenceRecord = Static<typeof EvidenceRecord>;
