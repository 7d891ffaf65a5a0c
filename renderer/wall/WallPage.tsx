import type { CityInfo } from '../../app/city/city';
import type { LiveScope } from '../../app/live/scope';
import { OnlineTrendChart } from '../charts/OnlineTrendChart';
import { useI18n } from '../i18n/use-i18n';
import { useWall } from '../live/live-store';
import { MapPanel } from '../map/MapPanel';
import { CameraTile } from '../video/CameraTile';
import { FieldForce } from './FieldForce';
import { Header } from './Header';
import { PatrolRoster } from './PatrolRoster';
import { ReportFeed } from './ReportFeed';

function Panel({ title, className, children }: { title: string; className?: string; children: React.ReactNode }) {
  return (
    <section className={`panel ${className ?? ''}`}>
      <h2>{title}</h2>
      <div className="panel-body">{children}</div>
    </section>
  );
}

/** The duty wall: field force on the left, the live map in the middle, video and activity on the right. */
export function WallPage({ city, scope }: { city: CityInfo; scope?: LiveScope }) {
  const { t, locale } = useI18n();
  const camera = useWall((s) => s.view.cameras.values().next().value);
  const scopeNames = scope?.streets?.map((code) => city.places.find((p) => p.code === code)?.shortName ?? code);
  return (
    <div className="wall">
      <Header title={locale === 'en' ? city.centreName.en : city.centreName.zh} scopeNames={scopeNames} />
      <main className="wall-body">
        <div className="column column-left">
          <Panel title={t('panel.force')}>
            <FieldForce />
          </Panel>
          <Panel title={t('panel.trend')} className="grow">
            <OnlineTrendChart />
          </Panel>
          <Panel title={t('panel.reports')} className="grow">
            <ReportFeed city={city} limit={8} />
          </Panel>
        </div>
        <Panel title={t('panel.map')} className="column-map">
          <MapPanel city={city} scope={scope} />
        </Panel>
        <div className="column column-right">
          <Panel title={t('panel.video')}>
            <CameraTile camera={camera} />
          </Panel>
          <Panel title={t('panel.roster')} className="grow">
            <PatrolRoster />
          </Panel>
        </div>
      </main>
    </div>
  );
}
