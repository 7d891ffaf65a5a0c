import { defineChannel } from '../live/channel';
import { ReportState } from './inspector-report';

/** How many recent reports a surface keeps. */
export const RECENT_REPORTS = 50;

/**
 * `reports`: inspector reports as they are filed, never dropped. Exhibit surfaces see what and where, not
 * who reported it, what they wrote (it may name people, phone numbers, plates) or the photos.
 */
export const reportChannel = defineChannel({
  name: 'reports',
  schema: ReportState,
  merge: 'append',
  keep: RECENT_REPORTS,
  key: (r) => r.id,
  tags: (r) => ({ street: r.street, community: r.community, grid: r.grid }),
  views: {
    exhibit: {
      item: ({ unitId: _unit, description: _text, photos: _photos, ...rest }) => ({ ...rest, description: '', photos: [] }),
      key: (id) => id,
    },
  },
});
