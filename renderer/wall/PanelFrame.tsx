import { useRef, type CSSProperties } from 'react';
import type { CityInfo } from '../../app/city/city';
import type { LiveScope } from '../../app/live/scope';
import type { LayoutRegion } from '../../app/wall/wall-layout';
import { useI18n } from '../i18n/use-i18n';
import type { PanelContribution } from './contributions';
import { StaleBadge, useStale } from './StaleBadge';
import { useFitText } from './use-fit-text';

/** A region of the wall: its place on the layout grid, the panel's title and frame, dimmed when stale. */
export function PanelFrame({ region, panel, city, scope }: { region: LayoutRegion; panel: PanelContribution | undefined; city: CityInfo; scope: LiveScope | undefined }) {
  const { l, t } = useI18n();
  const stale = useStale() && panel?.live !== false;
  const title = useRef<HTMLHeadingElement>(null);
  const titleText = panel ? l(panel.title) : t('panel.unknown', { id: region.panel });
  useFitText(title, titleText, 0.7);
  const style: CSSProperties = { gridColumn: `${region.x + 1} / span ${region.w}`, gridRow: `${region.y + 1} / span ${region.h}` };
  if (!panel) {
    return (
      <section className="panel panel-missing" style={style}>
        <h2 ref={title}>{titleText}</h2>
      </section>
    );
  }
  const Component = panel.component;
  return (
    <section className={`panel${panel.frameless ? ' panel-frameless' : ''}${stale ? ' panel-stale' : ''}`} style={style} data-panel={panel.id} data-stale={stale}>
      <h2 ref={title}>{titleText}</h2>
      <div className="panel-body">
        <div className="panel-content">
          <Component city={city} scope={scope} options={region.options ?? {}} />
        </div>
        {panel.live !== false && <StaleBadge />}
      </div>
    </section>
  );
}
