import { alarmChannel } from '../../app/alarm/alarm-channel';
import { cameraChannel } from '../../app/camera/camera-channel';
import { videoWallChannel } from '../../app/video-wall/video-wall-channel';
import type { RendererModule } from '../wall/contributions';
import { cameraMapLayer } from './camera-layer';
import { FirstCamera, VideoWall } from './VideoWall';
import './cameras.css';
import './capture/capture.css';

/**
 * CCTV (视频监控): the CCTV wall (the hall's split, tour and pins, the same on every window), one tile for
 * a desk, the cameras with their view cones on the map, open alarms marked on their cameras' tiles — and,
 * at the console, evidence in one click.
 */
export const camerasModule: RendererModule = {
  name: 'cameras',
  channels: [cameraChannel, videoWallChannel, alarmChannel],
  panels: [
    { id: 'cameras.tile', title: { zh: '视频监控', en: 'CCTV' }, component: FirstCamera },
    { id: 'cameras.grid', title: { zh: '视频监控', en: 'CCTV' }, component: VideoWall },
  ],
  mapLayers: [cameraMapLayer],
};
