import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify/sync';
import Type from 'typebox';
import { KPI_GROUPINGS, KpiRow, type KpiGrouping } from '../../app/case/kpi';
import { ApiError } from '../../app/hall/api-error';
import { isWholeCity } from '../../app/live/scope';
import type { Principal } from '../auth/auth';
import type { Db } from '../db/db';
import { queryKpis, type KpiNaming } from './kpi-store';
import { statsPeriods } from './case-stats';
import { isCivilDate } from '../../app/case/zoned-time';
import type { KpiWeights } from '../../app/case/kpi-score';

export interface KpiRouteDeps {
  db(): Db | undefined;
  weights: KpiWeights;
  naming: KpiNaming;
  timeZone: string;
  now(): number;
}

/** Column order of the CSV and XLSX exports: the JSON field names, so a program reads either the same way. */
export const KPI_COLUMNS = [
  'key',
  'name',
  'reported',
  'filed',
  'dispatched',
  'handled',
  'closed',
  'closedOnTime',
  'overdue',
  'rework',
  'extended',
  'parked',
  'closeRate',
  'onTimeCloseRate',
  'reworkRate',
  'meanHandlingHours',
  'score',
  'grade',
] as const satisfies ReadonlyArray<keyof KpiRow>;

const Query = Type.Object({
  by: Type.Optional(Type.Enum(KPI_GROUPINGS)),
  from: Type.Optional(Type.String({ maxLength: 40 })),
  to: Type.Optional(Type.String({ maxLength: 40 })),
  format: Type.Optional(Type.Enum(['json', 'csv', 'xlsx'])),
});

/** A period bound: a date (the hall's midnight), an ISO date/time, or ms since the epoch. */
function bound(raw: string | undefined, timeZone: string): number | undefined {
  if (raw === undefined) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return !isCivilDate(raw) ? Number.NaN : statsPeriods(Date.parse(`${raw}T12:00:00Z`), timeZone).today[0];
  const t = Date.parse(raw);
  return Number.isFinite(t) ? t : Number.NaN;
}

async function xlsxOf(rows: readonly KpiRow[], sheet: string): Promise<Buffer> {
  // Loaded on first export: exceljs is large, and every hall start (and CLI error) would pay for it.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(sheet);
  ws.columns = KPI_COLUMNS.map((k) => ({ header: k, key: k, width: k === 'name' ? 24 : 12 }));
  for (const r of rows) ws.addRow(Object.fromEntries(KPI_COLUMNS.map((k) => [k, r[k]])));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * `GET /api/kpis`: the same figures the wall shows, for any period and grouping, as JSON, CSV or XLSX
 * (`format=` or the Accept header). Per-inspector figures name people: never for an exhibit surface.
 */
export function registerKpiRoutes(app: FastifyInstance, d: KpiRouteDeps): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/kpis',
    { config: { access: 'kpis.read' }, schema: { summary: 'KPIs by street, community, grid, department or inspector for a period (default: this month)', security: [{ bearer: [] }], querystring: Query, response: { 200: Type.Array(KpiRow), 400: ApiError, 403: ApiError, 503: ApiError } } },
    async (req, reply) => {
      const db = d.db();
      if (!db) return reply.code(503).send({ error: 'starting', message: 'The case store is still opening; try again in a few seconds.' });
      const p = req.principal as Principal;
      const by: KpiGrouping = req.query.by ?? 'street';
      if (by === 'inspector' && p.role === 'exhibit') return reply.code(403).send({ error: 'forbidden', message: 'figures per inspector name people: not for an exhibit surface.' });
      const now = d.now();
      const month = statsPeriods(now, d.timeZone).thisMonth;
      const from = bound(req.query.from, d.timeZone) ?? month[0];
      const to = bound(req.query.to, d.timeZone) ?? month[1];
      if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) {
        return reply.code(400).send({ error: 'bad-period', message: 'from and to must be dates (YYYY-MM-DD), ISO date/times or ms since the epoch, with from before to.' });
      }
      const rows = await queryKpis(
        db,
        { by, from, to, now, ...(!isWholeCity(p.scope) && p.scope?.streets ? { streets: p.scope.streets } : {}), ...(p.role === 'department' ? { departments: p.departments ?? [] } : {}) },
        d.weights,
        d.naming,
      );
      const accept = req.headers.accept ?? '';
      const format = req.query.format ?? (accept.includes('text/csv') ? 'csv' : accept.includes('spreadsheetml') ? 'xlsx' : 'json');
      const name = `gridwall-kpis-${by}-${new Date(from).toISOString().slice(0, 10)}`;
      // Files are sent as they are (fastify serialises only JSON bodies); the plain reply takes any body.
      const raw = reply as FastifyReply;
      if (format === 'csv') {
        const csv = stringify(rows.map((r) => KPI_COLUMNS.map((k) => r[k])), { header: true, columns: [...KPI_COLUMNS] });
        // A BOM so Excel opens the Chinese names as UTF-8.
        return raw.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(`\uFEFF${csv}`);
      }
      if (format === 'xlsx') {
        return raw
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await xlsxOf(rows, by));
      }
      return rows;
    },
  );
}
