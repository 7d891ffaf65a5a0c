import type { RendererModule } from '../wall/contributions';
import { MapPanel } from './MapPanel';

/** The hall's map: one panel that draws the layers every module contributes. */
export const mapModule: RendererModule = {
  name: 'hall',
  panels: [{ id: 'hall.map', title: { zh: '网格监管一张图', en: 'Unit-grid supervision map' }, component: MapPanel }],
};
