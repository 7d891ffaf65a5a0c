import { useEffect, useState, type RefObject } from 'react';
import type { MaskPolygon } from '../../app/camera/camera-spec';
import { containRect, maskPoints, type Box } from './privacy-masks';

/** Privacy masks drawn over the picture itself (not the letterbox round it), following resizes. */
export function MaskOverlay({ video, masks }: { video: RefObject<HTMLVideoElement | null>; masks: readonly MaskPolygon[] }) {
  const [box, setBox] = useState<Box | undefined>();
  useEffect(() => {
    const v = video.current;
    if (!v) return;
    const fit = () => setBox(containRect(v.clientWidth, v.clientHeight, v.videoWidth || 16, v.videoHeight || 9));
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(v);
    v.addEventListener('loadedmetadata', fit);
    return () => {
      ro.disconnect();
      v.removeEventListener('loadedmetadata', fit);
    };
  }, [video]);
  if (!box) return null;
  return (
    <svg className="cam-masks" viewBox="0 0 1 1" preserveAspectRatio="none" style={{ left: box.left, top: box.top, width: box.width, height: box.height }} aria-hidden="true">
      {masks.map((m, i) => (
        <polygon key={i} points={maskPoints(m)} />
      ))}
    </svg>
  );
}
