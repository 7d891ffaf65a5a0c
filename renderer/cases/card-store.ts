import { createStore } from 'zustand/vanilla';
import { caseFocusChannel } from '../../app/case/case-channels';
import { latestNow, onChannel, serverNow } from '../live/live-store';
import { activeCard, nextCardChange, type CardRequest } from './card-requests';

interface CardState {
  /** From the hall (`POST /api/cases/{id}/show`). */
  focus?: CardRequest;
  /** From this window (a click at the console, or closing a card). */
  local?: CardRequest;
  /** The card shown now, re-evaluated when a request arrives or one runs out. */
  shown?: CardRequest;
}

export const cardStore = createStore<CardState>()(() => ({}));

let timer: ReturnType<typeof setTimeout> | undefined;

/** Works out the card to show now, and sets one timer for when that changes by time alone (no polling). */
function settle(): void {
  const { focus, local, shown } = cardStore.getState();
  const now = serverNow();
  const next = activeCard([focus, local], now);
  if (next !== shown) cardStore.setState({ shown: next });
  clearTimeout(timer);
  const at = nextCardChange([focus, local], now);
  if (at !== undefined) timer = setTimeout(settle, Math.min(at - now + 5, 2 ** 31 - 1));
}

let following = false;

/** Follows the hall's case focus (once per window; the card hosts call it). */
export function followCaseFocus(): void {
  if (following) return;
  following = true;
  const take = () => {
    const f = latestNow(caseFocusChannel).get('case-focus');
    cardStore.setState({ focus: f ? { caseId: f.caseId, until: f.until, at: Date.now() } : undefined });
    settle();
  };
  take();
  onChannel(caseFocusChannel, take);
}

/** A case clicked at the console: its card on this window until closed. */
export function openCard(caseId: string): void {
  cardStore.setState({ local: { caseId, until: Infinity, at: Date.now() } });
  settle();
}

/** Closes the card on this window (a hall focus stays closed here until it would have ended anyway). */
export function closeCard(): void {
  const shown = cardStore.getState().shown;
  cardStore.setState({ local: { caseId: null, until: shown?.until ?? Infinity, at: Date.now() } });
  settle();
}
