import { camerasModule, type CamerasModule } from '../cameras/cameras-module';
import { patrolsModule, type PatrolsModule } from '../patrols/patrols-module';
import { reportsModule, type ReportsModule } from '../reports/reports-module';
import { tracksModule, type TracksModule } from '../tracks/tracks-module';

/** The capabilities every hall has. A new capability is a folder and a line here. */
export interface StandardModules {
  patrols: PatrolsModule;
  tracks: TracksModule;
  reports: ReportsModule;
  cameras: CamerasModule;
}

export function standardModules(): StandardModules {
  const patrols = patrolsModule();
  return { patrols, tracks: tracksModule(patrols), reports: reportsModule(), cameras: camerasModule() };
}
