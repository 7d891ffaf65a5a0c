import { useEffect, useState, type RefObject } from 'react';

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== 'hidden');
  useEffect(() => {
    const on = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', on);
    return () => document.removeEventListener('visibilitychange', on);
  }, []);
  return visible;
}

/**
 * Whether the element can be seen: in the viewport (IntersectionObserver) and on a page that is not
 * hidden (visibilitychange). A tile nobody can see stops its stream, so the gateway can stop encoding it.
 */
export function useOnScreen(ref: RefObject<Element | null>): boolean {
  const page = usePageVisible();
  const [inView, setInView] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const io = new IntersectionObserver((entries) => {
      const e = entries.at(-1);
      if (e) setInView(e.isIntersecting);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [ref]);
  return page && inView;
}

/** The element's width in device pixels (decides sub- or main stream). */
export function useDeviceWidth(ref: RefObject<Element | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.round(el.getBoundingClientRect().width * devicePixelRatio)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}
