import { createContext, useContext } from 'react';
import type { CityInfo } from '../../app/city/city';
import type { LiveScope } from '../../app/live/scope';
import type { WallLayout } from '../../app/wall/wall-layout';
import { surfaceRole } from '../access/surface';
import { useI18n } from '../i18n/use-i18n';
import type { Contributions } from './contributions';
import { Header } from './Header';
import { PanelFrame } from './PanelFrame';

/** What modules contributed, for panels that compose others' contributions (the map draws every module's layers). */
export const ContributionsContext = createContext<Contributions | undefined>(undefined);

export function useContributions(): Contributions {
  const c = useContext(ContributionsContext);
  if (!c) throw new Error('useContributions outside the wall');
  return c;
}

/** Surfaces someone works at with a mouse (the console): the pointer shows there, and the map's controls answer it. */
const POINTER_ROLES = new Set(['operator', 'admin']);

/** The wall: the header, then the regions of its layout, each the panel a module contributed. */
export function WallPage({ city, scope, layout, contributions }: { city: CityInfo; scope?: LiveScope; layout: WallLayout; contributions: Contributions }) {
  const { locale } = useI18n();
  const scopeNames = scope?.streets?.map((code) => city.places.find((p) => p.code === code)?.shortName ?? code);
  return (
    <ContributionsContext.Provider value={contributions}>
      <div className={POINTER_ROLES.has(surfaceRole() ?? '') ? 'wall wall-pointer' : 'wall'} data-layout={layout.name}>
        <Header title={locale === 'en' ? city.centreName.en : city.centreName.zh} scopeNames={scopeNames} />
        <main className="wall-grid" style={{ gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${layout.rows}, minmax(0, 1fr))` }}>
          {layout.regions.map((r) => (
            <PanelFrame key={`${r.panel}@${r.x},${r.y}`} region={r} panel={contributions.panels.get(r.panel)} city={city} scope={scope} />
          ))}
        </main>
      </div>
    </ContributionsContext.Provider>
  );
}
