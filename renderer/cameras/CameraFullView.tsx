import { useEffect, useId } from 'react';
import { useStore } from 'zustand';
import { cameraChannel } from '../../app/camera/camera-channel';
import { useI18n } from '../i18n/use-i18n';
import { useLatest } from '../live/live-store';
import type { PanelProps } from '../wall/contributions';
import { CaptureHost } from './capture/CaptureDialog';
import { openCamera } from './camera-open';
import { CameraTile } from './CameraTile';

/** A camera clicked on the map (at the console): its live tile on its main stream over the whole map until closed (× or Esc). */
export function CameraFullView({ city }: PanelProps) {
  const { l } = useI18n();
  const host = useId();
  const id = useStore(openCamera, (s) => s.id);
  const camera = useLatest(cameraChannel).get(id ?? '');
  useEffect(() => {
    if (!id) return;
    const onKey = (e: KeyboardEvent) => void (e.key === 'Escape' && openCamera.setState({ id: undefined }));
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id]);
  if (!id) return null;
  return (
    <div className="camera-full" data-testid="camera-full">
      <CameraTile key={id} camera={camera} tileKey={`${host}:${id}`} host={host} city={city} main />
      <button type="button" className="camera-full-close" onClick={() => openCamera.setState({ id: undefined })} aria-label={l({ zh: '关闭', en: 'Close' })}>
        ×
      </button>
      <CaptureHost host={host} city={city} />
    </div>
  );
}
