import { defineChannel } from '../live/channel';
import { Alarm } from './alarm';

/**
 * `alarms`: every open (unacknowledged) alarm, removed when acknowledged; the CCTV wall marks the tile of
 * an alarmed camera. Scoped by place like everything located. Exhibit surfaces see what and where, never
 * the platform's text (it may name people or plates) nor who raised or acknowledged it.
 */
export const alarmChannel = defineChannel({
  name: 'alarms',
  schema: Alarm,
  merge: 'latest',
  key: (a) => a.id,
  tags: (a) => ({ street: a.street, community: a.community, grid: a.grid }),
  views: {
    exhibit: {
      item: ({ message: _message, by: _by, ackBy: _ackBy, ...rest }) => ({ ...rest, by: '' }),
      key: (id) => id,
    },
  },
});
