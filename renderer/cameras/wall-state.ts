import { defaultVideoWall, VideoWallState, type TourPause, type VideoWallUpdate } from '../../app/video-wall/video-wall';
import { videoWallChannel } from '../../app/video-wall/video-wall-channel';
import { useLatest } from '../live/live-store';
import { hallSend, type Sent } from './hall-send';

/** Until the hall's state arrives (or on a hall without the module): nine tiles of every camera, standing still. */
const FALLBACK: VideoWallState = (() => {
  const s = defaultVideoWall(0);
  return { ...s, tour: { dwellS: 3600, position: 0, startedAt: 0 } };
})();

/** The CCTV wall every window of this hall shows. */
export function useVideoWall(): VideoWallState {
  return useLatest(videoWallChannel).get('wall') ?? FALLBACK;
}

/** Changes the wall for every window (wall.control); the new state comes back on /live as well. */
export function changeWall(update: VideoWallUpdate): Promise<Sent<VideoWallState>> {
  return hallSend('PUT', '/api/video-wall', update, VideoWallState);
}

export function tourCommand(command: 'pause' | 'resume' | 'next', body: TourPause = {}): Promise<Sent<VideoWallState>> {
  return hallSend('POST', `/api/video-wall/tour/${command}`, body, VideoWallState);
}
