import { statusAfterSilence, type PatrolState, type PatrolStatus, type SilenceThresholds } from '../../app/patrol/patrol';

const RANK: Record<PatrolStatus, number> = { online: 0, stale: 1, offline: 2 };

/**
 * A patrol's status as the wall shows it: the hall's word, aged on the wall's own clock since the fix
 * arrived (`seenAt`). While the link is down nobody re-derives statuses for the wall, so a patrol must
 * turn stale and offline here by itself, not keep showing green.
 */
export function shownStatus(p: PatrolState, serverNow: number, silence: SilenceThresholds): PatrolStatus {
  const aged = statusAfterSilence(serverNow - p.seenAt, silence);
  return RANK[aged] > RANK[p.status] ? aged : p.status;
}

export function countShown(patrols: Iterable<PatrolState>, serverNow: number, silence: SilenceThresholds): Record<PatrolStatus, number> {
  const counts: Record<PatrolStatus, number> = { online: 0, stale: 0, offline: 0 };
  for (const p of patrols) counts[shownStatus(p, serverNow, silence)]++;
  return counts;
}
