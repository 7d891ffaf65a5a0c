import Type, { type Static } from 'typebox';
import { LocalizedText } from '../../../app/city/city';
import type { EvidenceBox } from '../../../app/evidence/evidence';
import { surfaceGet } from '../../access/surface';
import type { FrozenFrame } from '../hls-player';
import { hallSend, surfaceId, type Sent } from '../hall-send';

/** `POST /api/evidence`'s answer (only what the wall uses of it). */
const Captured = Type.Object({
  id: Type.String({ maxLength: 64 }),
  sha256: Type.String({ maxLength: 64 }),
  frame: Type.String({ maxLength: 256 }),
  clip: Type.Union([Type.String({ maxLength: 256 }), Type.Null()]),
  kind: Type.Optional(Type.String({ maxLength: 32 })),
});
export type Captured = Static<typeof Captured>;

const Suggestions = Type.Object({ basis: Type.String(), items: Type.Array(Type.Object({ category: Type.String(), name: LocalizedText, count: Type.Integer() })) });
export type Suggestions = Static<typeof Suggestions>;

const Catalogue = Type.Array(Type.Object({ key: Type.String(), name: LocalizedText, kind: Type.Optional(Type.String()) }));
export type Catalogue = Static<typeof Catalogue>;

const Linked = Type.Object({ id: Type.String(), caseNo: Type.String(), stage: Type.String() });
export type Linked = Static<typeof Linked>;

/** Where the evidence frame came from: the hall's DVR, the player's buffered segment, or a screen capture. */
export type EvidenceSource = 'dvr' | 'buffered' | 'screen-capture';
export type Evidence = { ok: true; captured: Captured; kind: EvidenceSource } | { ok: false; status: number; message: string };

const kindOf = (c: Captured, fallback: EvidenceSource): EvidenceSource => (c.kind === 'dvr' || c.kind === 'buffered' || c.kind === 'screen-capture' ? c.kind : fallback);

/** Base64 of a segment, in chunks (a spread of a megabyte into fromCharCode would overflow the stack). */
function base64(bytes: ArrayBuffer): string {
  const u8 = new Uint8Array(bytes);
  let s = '';
  for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode(...u8.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * Evidence of the frame the operator saw, best source first: the hall's own cut from its DVR at the
 * frame's stream time (full resolution, in custody); when the DVR has no such time (409: a camera played
 * straight from a video platform, or a time the DVR has let go), the stream had no timestamps, or the cut
 * failed, one request with the segment the tile was playing (the hall cuts the exact frame from it) and,
 * should that not decode, the picture the tile froze on, sent as what it is — a screen capture.
 */
export async function captureEvidence(cameraId: string, frame: FrozenFrame, clickedAt: number): Promise<Evidence> {
  const source = surfaceId();
  const { streamTime, canvas } = frame;
  let first: Sent<Captured> | undefined;
  if (streamTime !== undefined) {
    first = await hallSend('POST', '/api/evidence', { cameraId, streamTime: Math.round(streamTime), source }, Captured);
    if (first.ok) return { ok: true, captured: first.value, kind: kindOf(first.value, 'dvr') };
    // Not for this token, no such camera or no evidence service, a full disk: a fallback would be refused alike.
    if ([401, 403, 404, 507].includes(first.status)) return { ok: false, status: first.status, message: first.message };
  }
  const segment = streamTime !== undefined ? await frame.segment?.() : undefined;
  const image = canvas.toDataURL('image/jpeg', 0.92);
  const body = { cameraId, streamTime: Math.round(streamTime ?? clickedAt), source, image, kind: 'screen-capture', ...(segment ? { segment: base64(segment.bytes), segmentStart: segment.start } : {}) };
  const fallback = await hallSend('POST', '/api/evidence', body, Captured);
  if (fallback.ok) return { ok: true, captured: fallback.value, kind: kindOf(fallback.value, 'screen-capture') };
  return { ok: false, status: fallback.status, message: first && !first.ok ? `${first.message} — ${fallback.message}` : fallback.message };
}

export function suggestCategories(cameraId: string): Promise<Suggestions> {
  return surfaceGet(`/api/evidence/suggest?cameraId=${encodeURIComponent(cameraId)}`, Suggestions);
}

let catalogue: Promise<Catalogue> | undefined;
/** The hall's classes, once per window (the catalogue is the city's own). */
export function catalogueOnce(): Promise<Catalogue> {
  catalogue ??= surfaceGet('/api/cases/catalogue', Catalogue).catch((err: unknown) => {
    catalogue = undefined;
    throw err;
  });
  return catalogue;
}

/** Opens the video-capture case of the evidence; the new case reaches every wall on the `cases` channel. */
export function openCase(evidenceId: string, body: { category: string; description?: string; box?: EvidenceBox }): Promise<Sent<Linked>> {
  return hallSend('POST', `/api/evidence/${encodeURIComponent(evidenceId)}/case`, body, Linked);
}
