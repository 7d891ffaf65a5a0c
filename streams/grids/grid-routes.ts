import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ApiError } from '../../app/hall/api-error';
import { GridFocus, GridMetric, GridWindow, HeatPoints, PlaceAreas } from '../../app/grid/grid-channels';
import { GridCode } from '../../app/grid/grid-code';
import { UnitGridCollection, UnitGridFeature } from '../../app/grid/unit-grid';
import { inScope } from '../../app/live/scope';
import { CommunityCode, PlaceTags, StreetCode } from '../../app/place/place-codes';
import type { HallDb } from '../hall/hall-module';
import type { GridSet } from './grid-set';

const Locate = Type.Object({
  lon: Type.Number(),
  lat: Type.Number(),
  place: PlaceTags,
  /** Located by the nearest published place rather than in a surveyed or built grid. */
  approximate: Type.Boolean(),
});

export interface GridRouteDeps {
  grids: GridSet | undefined;
  /** The responsibility grid (责任网格) each grid code belongs to, when the hall has them. */
  responsibilityOf: ReadonlyMap<string, string>;
  locate(lon: number, lat: number): PlaceTags;
  areas(): PlaceAreas;
  points(window: GridWindow, db: HallDb): Promise<HeatPoints | undefined>;
  focus(grid: string | null, dwellS: number, by: string): GridFocus;
}

const NUMBER = '^-?[0-9]{1,3}(\\.[0-9]{1,12})?$';
const bearer = { security: [{ bearer: [] }] };

/** Unit grids over HTTP: the grids themselves, the areas they make up, locating a point, heat points, focus. */
export function registerGridRoutes(app: FastifyInstance, db: HallDb, d: GridRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  // Grids as served: with their responsibility grid, so the map can show what is not yet covered today.
  const served = (d.grids?.features ?? []).map((f) => {
    const r = d.responsibilityOf.get(f.properties.code);
    return r && !f.properties.responsibility ? { ...f, properties: { ...f.properties, responsibility: r } } : f;
  });
  const none = { error: 'no-grids', message: 'This hall has no unit grids: build them (`gridwall grid build`) or import the city’s own (`gridwall grid import`).' };

  api.get(
    '/api/grids',
    {
      config: { access: 'grids.read' },
      schema: {
        summary: 'Unit grids (单元网格) as GeoJSON, WGS84; filter by street or community',
        ...bearer,
        querystring: Type.Object({ street: Type.Optional(StreetCode), community: Type.Optional(CommunityCode) }),
        response: { 200: UnitGridCollection, 404: ApiError },
      },
    },
    async (req, reply) => {
      if (!d.grids) return reply.code(404).send(none);
      const { street, community } = req.query;
      const scope = req.principal?.scope;
      const features = served.filter(
        (f) => (!street || f.properties.street === street) && (!community || f.properties.community === community) && inScope(scope, f.properties),
      );
      return { type: 'FeatureCollection' as const, adcode: d.grids.adcode, ...(d.grids.lattice ? { lattice: d.grids.lattice } : {}), features };
    },
  );

  api.get(
    '/api/grids/areas',
    { config: { access: 'grids.read' }, schema: { summary: 'Street and community areas dissolved from the grids, with label points', ...bearer, response: { 200: PlaceAreas, 404: ApiError } } },
    async (_req, reply) => (d.grids ? d.areas() : reply.code(404).send(none)),
  );

  api.get(
    '/api/grids/points',
    {
      config: { access: 'grids.read' },
      schema: {
        summary: 'Where reports were filed in a window, for the heatmap (interleaved lon, lat)',
        ...bearer,
        querystring: Type.Object({ metric: Type.Optional(GridMetric), window: Type.Optional(GridWindow) }),
        response: { 200: HeatPoints, 400: ApiError, 503: ApiError },
      },
    },
    async (req, reply) => {
      if ((req.query.metric ?? 'reports') !== 'reports') return reply.code(400).send({ error: 'bad-metric', message: 'Heat points exist for reports (cases follow with the cases module).' });
      const points = await d.points(req.query.window ?? '7d', db);
      return points ?? reply.code(503).send({ error: 'database-starting', message: 'The database is still opening; try again in a few seconds.' });
    },
  );

  api.get(
    '/api/grids/:code',
    { config: { access: 'grids.read' }, schema: { summary: 'One unit grid', ...bearer, params: Type.Object({ code: GridCode }), response: { 200: UnitGridFeature, 404: ApiError } } },
    async (req, reply) => d.grids?.byCode.get(req.params.code) ?? reply.code(404).send({ error: 'unknown-grid', message: `No unit grid ${req.params.code} in this hall.` }),
  );

  api.get(
    '/api/locate',
    {
      config: { access: 'grids.read' },
      schema: {
        summary: 'The unit grid, community and street of a WGS84 point',
        ...bearer,
        querystring: Type.Object({ lon: Type.String({ pattern: NUMBER }), lat: Type.String({ pattern: NUMBER }) }),
        response: { 200: Locate, 400: ApiError },
      },
    },
    async (req, reply) => {
      const lon = Number(req.query.lon);
      const lat = Number(req.query.lat);
      if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return reply.code(400).send({ error: 'bad-position', message: 'lon must be within ±180 and lat within ±90 (WGS84 degrees).' });
      return { lon, lat, place: d.locate(lon, lat), approximate: !d.grids || d.grids.approximate };
    },
  );

  api.post(
    '/api/grids/focus',
    {
      config: { access: 'wall.control' },
      schema: {
        summary: 'Fly every window of the wall to a grid (null: back to the whole district) for a dwell',
        ...bearer,
        body: Type.Object({ grid: Type.Union([GridCode, Type.Null()]), dwellS: Type.Optional(Type.Integer({ minimum: 5, maximum: 3600 })) }, { additionalProperties: false }),
        response: { 200: GridFocus, 404: ApiError },
      },
    },
    async (req, reply) => {
      const { grid, dwellS } = req.body;
      if (grid !== null && !d.grids?.byCode.has(grid)) return reply.code(404).send({ error: 'unknown-grid', message: `No unit grid ${grid} in this hall.` });
      return d.focus(grid, dwellS ?? 60, req.principal?.name ?? req.principal?.role ?? 'operator');
    },
  );
}
