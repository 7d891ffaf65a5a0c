import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * How many whole rows fit the box, measured from the rows as drawn — after every render (fonts load, rows
 * change) and on resize: a panel that gets less room shows fewer rows, never a clipped one.
 */
export function useFittingRows(box: RefObject<HTMLElement | null>, rowSelector: string, headSelector?: string, ready = true): number {
  const [rows, setRows] = useState(1);
  useLayoutEffect(() => {
    const node = box.current;
    if (!node || !ready) return;
    const measure = () => {
      const head = headSelector ? (node.querySelector(headSelector)?.getBoundingClientRect().height ?? 0) : 0;
      const row = node.querySelector(rowSelector)?.getBoundingClientRect().height;
      if (row) {
        const fit = Math.max(1, Math.floor((node.clientHeight - head) / row));
        setRows((prev) => (prev === fit ? prev : fit));
      }
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(node);
    void document.fonts.ready.then(measure);
    return () => ro.disconnect();
  });
  return rows;
}
