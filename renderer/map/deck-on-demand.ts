import type { MapLibreOverlay } from '@deck.gl/maplibre';

interface FrameProvider {
  requestAnimationFrame(cb: FrameRequestCallback): number;
  cancelAnimationFrame(id: number): void;
}

interface LoopLike {
  setProps(props: { animationFrameProvider: FrameProvider }): unknown;
}

/**
 * deck.gl runs its own requestAnimationFrame loop, ~60 frames a second, even when nothing on the map
 * changes (in interleaved mode maplibre does the drawing; deck's loop only checks whether to ask it to).
 * A wall is mostly still: this gives deck's loop a frame source that runs only when `wake()` is called
 * after a change, so a static wall draws no frames at all.
 *
 * `wake()` runs deck's frame at once, inside the caller's frame or timer: deck updates its layers and
 * asks maplibre to repaint, and maplibre's repaint is the only animation frame a change costs. A wake
 * before deck has asked for its first frame (it starts asynchronously) is kept until it does.
 *
 * MapLibreOverlay does not expose its Deck; this reaches for it, and falls back to deck's own loop
 * (correct, only busier) if a future version moves it. The e2e frame-count test watches for that.
 */
export function deckFramesOnDemand(overlay: MapLibreOverlay): () => void {
  const loop = (overlay as unknown as { _deck?: { animationLoop?: LoopLike } })._deck?.animationLoop;
  if (!loop?.setProps) return () => {};
  let pending: FrameRequestCallback | undefined;
  let wanted = false;
  const run = () => {
    const cb = pending;
    pending = undefined;
    cb?.(performance.now());
  };
  loop.setProps({
    animationFrameProvider: {
      requestAnimationFrame: (cb) => {
        pending = cb;
        if (wanted) {
          wanted = false;
          requestAnimationFrame(run);
        }
        return 1;
      },
      cancelAnimationFrame: () => {
        pending = undefined;
      },
    },
  });
  return () => {
    if (pending) run();
    else wanted = true;
  };
}
