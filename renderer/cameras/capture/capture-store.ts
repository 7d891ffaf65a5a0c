import { createStore } from 'zustand/vanilla';
import type { CameraState } from '../../../app/camera/camera';
import { serverNow } from '../../live/live-store';
import type { FrozenFrame } from '../hls-player';
import { captureEvidence, type Captured, type EvidenceSource } from './evidence-api';

export type EvidenceStatus = { state: 'sending' } | { state: 'ok'; captured: Captured; kind: EvidenceSource } | { state: 'failed'; message: string };

/** A capture in progress: the tile frozen on its frame, the evidence being taken, the case form. */
export interface Capture {
  /** The frozen tile (its key), and the panel that shows the form. */
  tile: string;
  host: string;
  camera: CameraState;
  frame: FrozenFrame;
  /** The hall's time of the click (a screen capture's time when the stream carries none). */
  clickedAt: number;
  /** `pending` while a second click may still turn it into a double click (maximise). */
  phase: 'pending' | 'open';
  evidence: EvidenceStatus;
  /** Unfreezes the tile. */
  release(): void;
}

export interface CaptureState {
  current?: Capture;
  /** The case just opened, shown briefly on the tile it came from. */
  done?: { caseNo: string; caseId: string; tile: string; at: number };
}

export const captureStore = createStore<CaptureState>()(() => ({}));

/** A second click within this is a double click (maximise), not a capture. */
export const DOUBLE_CLICK_MS = 250;
let pending: ReturnType<typeof setTimeout> | undefined;

function update(c: Capture, patch: Partial<Capture>): void {
  const cur = captureStore.getState().current;
  if (cur && cur.tile === c.tile && cur.clickedAt === c.clickedAt) captureStore.setState({ current: { ...cur, ...patch } });
}

/** Freezing happened on the click; the form opens and the evidence is sent once it is not a double click. */
export function beginCapture(c: Omit<Capture, 'phase' | 'evidence' | 'clickedAt'>): void {
  endCapture();
  const capture: Capture = { ...c, clickedAt: serverNow(), phase: 'pending', evidence: { state: 'sending' } };
  captureStore.setState({ current: capture });
  pending = setTimeout(() => {
    pending = undefined;
    update(capture, { phase: 'open' });
    void captureEvidence(c.camera.id, c.frame, capture.clickedAt).then((r) =>
      update(capture, { evidence: r.ok ? { state: 'ok', captured: r.captured, kind: r.kind } : { state: 'failed', message: r.message } }),
    );
  }, DOUBLE_CLICK_MS);
}

/** The second click of a double click: no capture after all. True when there was one to call off. */
export function abortPending(): boolean {
  const cur = captureStore.getState().current;
  if (!pending || cur?.phase !== 'pending') return false;
  endCapture();
  return true;
}

/** Closes the form and unfreezes the tile; with the case when one was opened. */
export function endCapture(opened?: { caseNo: string; caseId: string }): void {
  clearTimeout(pending);
  pending = undefined;
  const cur = captureStore.getState().current;
  cur?.release();
  captureStore.setState({ current: undefined, ...(opened && cur ? { done: { ...opened, tile: cur.tile, at: Date.now() } } : {}) });
}
