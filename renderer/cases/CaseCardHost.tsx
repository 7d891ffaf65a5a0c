import { useEffect, useId, useLayoutEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CityInfo } from '../../app/city/city';
import { surfaceRole } from '../access/surface';
import type { PanelProps } from '../wall/contributions';
import { CaseCard } from './CaseCard';
import { cardStore, closeCard, followCaseFocus } from './card-store';

type HostKind = 'map' | 'panel';
const hosts = createStore<{ list: ReadonlyArray<{ id: string; kind: HostKind }> }>()(() => ({ list: [] }));

/** Surfaces with a pointer (the console) may close a card (× or Esc); a wall shows it until its time is up. */
const POINTER_ROLES = new Set(['operator', 'admin']);

/**
 * Where a window shows the case card. Every case panel and the map offer to host it; exactly one does:
 * the map (docked at its right, the case stays in view) or, on a window without a map, the first case
 * panel (over the middle of the window). So the card opens on every window of the wall, once.
 */
export function CaseCardHost({ kind, city }: { kind: HostKind; city: CityInfo }) {
  const id = useId();
  useEffect(() => {
    hosts.setState((s) => ({ list: [...s.list, { id, kind }] }));
    return () => hosts.setState((s) => ({ list: s.list.filter((h) => h.id !== id) }));
  }, [id, kind]);
  useEffect(followCaseFocus, []);
  const mine = useStore(hosts, (s) => (s.list.find((h) => h.kind === 'map') ?? s.list[0])?.id === id);
  const shown = useStore(cardStore, (s) => s.shown);
  const closable = POINTER_ROLES.has(surfaceRole() ?? '');
  useEffect(() => {
    if (!mine || !closable || !shown) return;
    const onKey = (e: KeyboardEvent) => void (e.key === 'Escape' && closeCard());
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mine, closable, shown]);
  if (!mine || !shown?.caseId) return null;
  const card = <CaseCard caseId={shown.caseId} city={city} until={shown.until} {...(closable ? { onClose: closeCard } : {})} />;
  return kind === 'map' ? <Dock>{card}</Dock> : createPortal(<div className="case-card-float">{card}</div>, document.body);
}

/** The card's place on the map: its right side, from the top down to the legend (which stays readable). */
function Dock({ children }: { children: ReactNode }) {
  const dock = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = dock.current;
    const legend = el?.closest('.map-panel')?.querySelector('.map-legend-stack');
    if (!el || !legend) return;
    const place = () => {
      const gap = parseFloat(getComputedStyle(document.documentElement).fontSize) || 20;
      el.style.bottom = `${el.parentElement ? el.parentElement.getBoundingClientRect().bottom - legend.getBoundingClientRect().top + gap * 0.6 : 0}px`;
    };
    place();
    const ro = new ResizeObserver(place);
    ro.observe(legend);
    return () => ro.disconnect();
  }, []);
  return (
    <div className="case-card-dock" ref={dock}>
      {children}
    </div>
  );
}

/** The map's offer (a cover overlay). */
export function CaseCardOnMap({ city }: PanelProps) {
  return <CaseCardHost kind="map" city={city} />;
}
