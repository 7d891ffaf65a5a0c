/**
 * Why the map asked for frames, counted per reason (a layer's watch, a tick, the link, a zoom): a wall
 * that draws when nothing changed can be asked why (`window.__gridwallFrameReasons`, read by the map
 * benchmark). Counts only; no data.
 */
export const frameReasons: Record<string, number> = {};

(globalThis as { __gridwallFrameReasons?: Record<string, number> }).__gridwallFrameReasons = frameReasons;

/** Counts a reason, then asks for the frame. */
export function because(reason: string, request: () => void): () => void {
  return () => {
    frameReasons[reason] = (frameReasons[reason] ?? 0) + 1;
    request();
  };
}
