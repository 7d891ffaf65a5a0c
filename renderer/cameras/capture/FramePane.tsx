import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { EvidenceBox } from '../../../app/evidence/evidence';
import { useI18n } from '../../i18n/use-i18n';
import type { FrozenFrame } from '../hls-player';
import { boxFromDrag, boxStyle, type Point } from './box-geometry';

/**
 * The frozen frame, large, with the box the operator drags over the problem (店外经营, a heap of rubbish…).
 * The pane has the frame's own aspect ratio, so a box in it is a box in the frame.
 */
export function FramePane({ frame, box, onBox }: { frame: FrozenFrame; box: EvidenceBox | undefined; onBox(b: EvidenceBox | undefined): void }) {
  const { l } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const start = useRef<Point | undefined>(undefined);
  const [drag, setDrag] = useState<EvidenceBox | undefined>();
  const { width, height } = frame.canvas;

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    c.width = width;
    c.height = height;
    c.getContext('2d')?.drawImage(frame.canvas, 0, 0);
  }, [frame, width, height]);

  const at = (e: PointerEvent<HTMLDivElement>): Point => ({ x: e.clientX, y: e.clientY });
  const rect = (e: PointerEvent<HTMLDivElement>) => e.currentTarget.getBoundingClientRect();
  const down = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    start.current = at(e);
    setDrag(undefined);
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    if (start.current) setDrag(boxFromDrag(start.current, at(e), rect(e)));
  };
  const up = (e: PointerEvent<HTMLDivElement>) => {
    if (!start.current) return;
    const b = boxFromDrag(start.current, at(e), rect(e));
    start.current = undefined;
    setDrag(undefined);
    if (b) onBox(b);
  };
  const shown = drag ?? box;

  return (
    <div className="cap-frame">
      <div className="cap-picture" style={{ aspectRatio: `${width} / ${height}` }} onPointerDown={down} onPointerMove={move} onPointerUp={up} data-testid="capture-frame">
        <canvas ref={canvas} />
        {shown && <div className="cap-box" style={boxStyle(shown)} data-testid="capture-box" />}
      </div>
      <p className="cap-hint">
        {box ? l({ zh: '已框选问题区域 · 可重新拖动', en: 'Area marked · drag again to redo' }) : l({ zh: '在画面上拖动，框出问题区域', en: 'Drag on the picture to mark the problem' })}
        {box && (
          <button type="button" className="cap-link" onClick={() => onBox(undefined)}>
            {l({ zh: '清除', en: 'Clear' })}
          </button>
        )}
      </p>
    </div>
  );
}
