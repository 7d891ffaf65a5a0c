import { surfaceRole } from '../access/surface';

/**
 * Whether this surface may read case files (`GET /api/cases/{id}`: description, photos, history). Exhibit
 * surfaces may not: their card shows only what the live mark carries, never an error.
 */
const READERS = new Set(['wall', 'operator', 'leader', 'subcentre', 'admin']);
export const mayReadCaseFiles = (): boolean => READERS.has(surfaceRole() ?? '');
