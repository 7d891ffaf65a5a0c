import { useLayoutEffect, type RefObject } from 'react';

/**
 * Shrinks an element's font (from its CSS size down to `minRatio` of it) until its text fits its box:
 * a long title in another language gets smaller, never clipped, and never pushes its neighbours away.
 */
export function useFitText(ref: RefObject<HTMLElement | null>, text: string, minRatio = 0.5): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      el.style.fontSize = '';
      const base = parseFloat(getComputedStyle(el).fontSize);
      let size = base;
      while (el.scrollWidth > el.clientWidth + 1 && size > base * minRatio) {
        size *= 0.94;
        el.style.fontSize = `${size}px`;
      }
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, text, minRatio]);
}
