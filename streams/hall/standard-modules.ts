import { alarmsModule, type AlarmsModule } from '../alarms/alarms-module';
import { camerasModule, type CamerasModule } from '../cameras/cameras-module';
import { casesModule, type CasesModule } from '../cases/cases-module';
import { evidenceModule, type EvidenceModule } from '../evidence/evidence-module';
import { gridsModule } from '../grids/grids-module';
import type { HallModule } from './hall-module';
import { patrolsModule, type PatrolsModule } from '../patrols/patrols-module';
import { reportsModule, type ReportsModule } from '../reports/reports-module';
import { tracksModule, type TracksModule } from '../tracks/tracks-module';
import { videoWallModule, type VideoWallModule } from '../video-wall/video-wall-module';

/** The capabilities every hall has. A new capability is a folder and a line here. */
export interface StandardModules {
  patrols: PatrolsModule;
  tracks: TracksModule;
  reports: ReportsModule;
  cameras: CamerasModule;
  grids: HallModule;
  cases: CasesModule;
  evidence: EvidenceModule;
  videoWall: VideoWallModule;
  alarms: AlarmsModule;
}

export function standardModules(): StandardModules {
  const patrols = patrolsModule();
  const reports = reportsModule();
  const cameras = camerasModule();
  const cases = casesModule(reports);
  const videoWall = videoWallModule(cameras, cases);
  return { patrols, tracks: tracksModule(patrols), reports, cameras, grids: gridsModule(patrols, reports), cases, evidence: evidenceModule(cameras, cases), videoWall, alarms: alarmsModule(cameras, videoWall) };
}
