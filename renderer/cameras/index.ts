import { cameraChannel } from '../../app/camera/camera-channel';
import type { RendererModule } from '../wall/contributions';
import { cameraMapLayer } from './camera-layer';
import { CameraGrid, FirstCamera } from './CameraTile';
import './cameras.css';

/** CCTV (视频监控): one tile for a desk, a grid for the wall, and the cameras with their view cones on the map. */
export const camerasModule: RendererModule = {
  name: 'cameras',
  channels: [cameraChannel],
  panels: [
    { id: 'cameras.tile', title: { zh: '视频监控', en: 'CCTV' }, component: FirstCamera },
    { id: 'cameras.grid', title: { zh: '视频监控', en: 'CCTV' }, component: CameraGrid },
  ],
  mapLayers: [cameraMapLayer],
};
