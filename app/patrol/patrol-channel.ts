import { defineChannel } from '../live/channel';
import { pseudonym } from '../live/pseudonym';
import { PatrolState } from './patrol';

/**
 * `patrols`: the current state of every patrol, one per unit id. Exhibit surfaces see where patrols are,
 * never which inspector is which: the unit id becomes a pseudonym, and speed and heading are dropped.
 */
export const patrolChannel = defineChannel({
  name: 'patrols',
  schema: PatrolState,
  merge: 'latest',
  key: (p) => p.unitId,
  tags: (p) => ({ street: p.street, community: p.community, grid: p.grid }),
  views: {
    exhibit: {
      item: (p) => {
        const masked: PatrolState = { unitId: pseudonym('p', p.unitId), lon: p.lon, lat: p.lat, ts: p.ts, seenAt: p.seenAt, status: p.status };
        if (p.street) masked.street = p.street;
        if (p.community) masked.community = p.community;
        if (p.grid) masked.grid = p.grid;
        return masked;
      },
      key: (unitId) => pseudonym('p', unitId),
    },
  },
});
