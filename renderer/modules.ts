import { camerasModule } from './cameras';
import { casesModule } from './cases';
import { gridsModule } from './grids';
import { mapModule } from './map';
import { patrolsModule } from './patrols';
import { reportsModule } from './reports';
import type { RendererModule } from './wall/contributions';

/** The wall's capabilities. A new one is a folder with an `index.ts` and a line here. */
export const RENDERER_MODULES: readonly RendererModule[] = [mapModule, gridsModule, patrolsModule, reportsModule, camerasModule, casesModule];
