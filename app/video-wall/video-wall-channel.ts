import { defineChannel } from '../live/channel';
import { VideoWallState } from './video-wall';

/** `video-wall`: the one CCTV wall state of the hall (key `wall`), the same on every window. */
export const videoWallChannel = defineChannel({
  name: 'video-wall',
  schema: VideoWallState,
  merge: 'latest',
  key: (s) => s.id,
  tags: () => ({}),
});
