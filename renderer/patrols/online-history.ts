import { createStore } from 'zustand/vanilla';
import { patrolChannel } from '../../app/patrol/patrol-channel';
import { surfaceSilence } from '../access/surface';
import { latestNow, linkStore, serverNow } from '../live/live-store';
import { countShown } from './patrol-status';

export interface OnlineSample {
  t: number;
  online: number;
}

const WINDOW_MS = 10 * 60_000;

/** Patrols online, sampled every 2 s while the link is live: a gap while it is not, never a made-up flat line. */
export const onlineHistory = createStore<{ samples: OnlineSample[] }>()(() => ({ samples: [] }));

export function sampleOnline(now = serverNow()): void {
  const link = linkStore.getState();
  if (link.connection.state !== 'live' || !link.view.epoch) return; // nothing measured: no sample
  const online = countShown(latestNow(patrolChannel).values(), now, surfaceSilence()).online;
  const kept = onlineHistory.getState().samples.filter((s) => s.t >= now - WINDOW_MS);
  onlineHistory.setState({ samples: [...kept, { t: now, online }] });
}

let started = false;

/** Starts the sampler once, whichever panel asks first. */
export function startOnlineSampler(): void {
  if (started) return;
  started = true;
  sampleOnline();
  setInterval(() => sampleOnline(), 2000);
}
