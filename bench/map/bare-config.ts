import type { BBox } from '../../app/geo/lnglat';

/** What the bare deck.gl page is told (`config.json`): where to look, how to reach the hall's live feed, the frame cap. */
export interface BareConfig {
  bounds: BBox;
  /** A wall token for the hall's /live WebSocket. */
  token: string;
  fps: number;
}
