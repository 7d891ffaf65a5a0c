import Type, { type Static } from 'typebox';
import { LocalizedText } from '../../../app/city/city';
import type { EvidenceBox } from '../../../app/evidence/evidence';
import { surfaceGet } from '../../access/surface';
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

export type Evidence = { ok: true; captured: Captured; screen: boolean } | { ok: false; status: number; message: string };

/**
 * Evidence of the frame the operator saw: first the hall's own cut from its DVR at the frame's stream
 * time (full resolution, in custody); when the DVR has no such time (409), the stream had no timestamps,
 * or the cut failed, the picture the tile froze on, sent as what it is — a screen capture.
 */
export async function captureEvidence(cameraId: string, streamTime: number | undefined, canvas: HTMLCanvasElement, clickedAt: number): Promise<Evidence> {
  const source = surfaceId();
  let first: Sent<Captured> | undefined;
  if (streamTime !== undefined) {
    first = await hallSend('POST', '/api/evidence', { cameraId, streamTime: Math.round(streamTime), source }, Captured);
    if (first.ok) return { ok: true, captured: first.value, screen: false };
    // Not for this token, no such camera or no evidence service, a full disk: a screen capture would be refused alike.
    if ([401, 403, 404, 507].includes(first.status)) return { ok: false, status: first.status, message: first.message };
  }
  const image = canvas.toDataURL('image/jpeg', 0.92);
  const fallback = await hallSend('POST', '/api/evidence', { cameraId, streamTime: Math.round(streamTime ?? clickedAt), source, image, kind: 'screen-capture' }, Captured);
  if (fallback.ok) return { ok: true, captured: fallback.value, screen: true };
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
