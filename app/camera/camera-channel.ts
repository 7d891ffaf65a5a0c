import { defineChannel } from '../live/channel';
import { CameraState } from './camera';

/** `cameras`: every camera's state. Exhibit surfaces see only cameras marked for exhibit, without details. */
export const cameraChannel = defineChannel({
  name: 'cameras',
  schema: CameraState,
  merge: 'latest',
  key: (c) => c.id,
  tags: (c) => ({ street: c.street, community: c.community, grid: c.grid }),
  views: {
    exhibit: {
      item: (c) => {
        if (!c.exhibit) return undefined;
        const { detail: _detail, ...rest } = c;
        return rest;
      },
      key: (id) => id,
    },
  },
});
