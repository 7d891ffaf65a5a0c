import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ReportState } from '../../app/report/inspector-report';
import type { HallMetrics } from '../metrics/hall-metrics';

/** Recent inspector reports, and the Prometheus metrics endpoint. */
export function registerReportAndMetricRoutes(app: FastifyInstance, deps: { reports: () => ReportState[]; metrics: HallMetrics }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get('/api/reports', { schema: { summary: 'Recent inspector reports, newest first', response: { 200: Type.Array(ReportState) } } }, () =>
    deps.reports(),
  );
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.type(deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}
