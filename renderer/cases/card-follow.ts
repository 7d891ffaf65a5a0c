import { caseChannel } from '../../app/case/case-channels';
import { latestNow } from '../live/live-store';
import type { MapHost } from '../wall/contributions';
import { cardStore } from './card-store';

/** The card docks at the map's right: its width in px (CSS: min(38rem, 46%) plus the margin). */
const dockWidth = (mapWidth: number, rem: number) => Math.min(38 * rem, 0.46 * mapWidth) + 1.6 * rem;

/**
 * While a case card is shown, the map flies to the case (beside the card, not under it); when the card
 * closes, back to the whole view. A case without a live mark (closed, or out of this wall's scope) leaves
 * the map where it is.
 */
export function followCard(host: MapHost): () => void {
  const { map } = host;
  let flown = false;
  return cardStore.subscribe((s, prev) => {
    if (s.shown?.caseId === prev.shown?.caseId) return;
    const mark = s.shown?.caseId ? latestNow(caseChannel).get(s.shown.caseId) : undefined;
    if (mark) {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 20;
      const right = dockWidth(map.getContainer().clientWidth, rem);
      map.flyTo({ center: host.context().toMap(mark.lon, mark.lat), zoom: Math.max(map.getZoom(), 15), padding: { right, left: 0, top: 0, bottom: 0 }, duration: 2000, essential: true });
      flown = true;
    } else if (flown) {
      flown = false;
      host.home();
    }
  });
}
