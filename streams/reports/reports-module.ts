import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { inScope } from '../../app/live/scope';
import { ReportState } from '../../app/report/inspector-report';
import { RECENT_REPORTS, reportChannel } from '../../app/report/report-channel';
import type { HallModule } from '../hall/hall-module';
import { decodeReport } from './decode-report';
import { insertReport, recentReports, REPORT_MIGRATIONS } from './report-store';

const checkReport = Compile(ReportState);

export interface ReportsModule extends HallModule {
  recent(): readonly ReportState[];
  /** Every report once it is stored (here, or by another hall server). */
  onReport(listener: (r: ReportState) => void): void;
}

/**
 * Inspector reports (监督员上报) over MQTT (`report`): validated, located, stored once per id, and fanned
 * out on the `reports` channel. (The cases module turns them into cases.)
 */
export function reportsModule(): ReportsModule {
  let recent: ReportState[] = [];
  const ids = new Set<string>();
  const listeners: Array<(r: ReportState) => void> = [];

  const remember = (r: ReportState, notify = true) => {
    if (notify) for (const l of listeners) l(r);
    ids.add(r.id);
    recent = [r, ...recent].slice(0, RECENT_REPORTS);
    if (ids.size > RECENT_REPORTS * 20) {
      ids.clear();
      for (const x of recent) ids.add(x.id);
    }
  };

  return {
    name: 'reports',
    migrations: REPORT_MIGRATIONS,
    recent: () => recent,
    onReport: (listener) => void listeners.push(listener),

    setup(hall) {
      const channel = hall.channel(reportChannel, {
        onRemote: (change) => {
          for (const r of change.append) {
            if (ids.has(r.id)) continue;
            remember(r);
            channel.append(r, { relay: false });
          }
        },
      });

      hall.topic({
        pattern: 'report',
        handle: (m) => {
          const d = decodeReport(m.value, m.now, hall.intake, hall.locate);
          if (!d.ok) return hall.ingest.rejected(d.reason, 'mqtt', 'an inspector report');
          // A terminal reports as itself: it may not file in another unit's name.
          const r = m.principal?.role === 'terminal' && m.username ? { ...d.report, unitId: d.report.unitId ?? m.username } : d.report;
          if (m.principal?.role === 'terminal' && r.unitId !== m.username) {
            return hall.ingest.rejected('not-bound', 'mqtt', `a report from ${m.username ?? '?'} in the name of ${r.unitId ?? '?'}`);
          }
          if (ids.has(r.id)) return; // a terminal's retry of a report we already hold
          hall.ingest.accepted('report');
          hall.db.ready
            .then((db) => insertReport(db, r))
            .then(
              (isNew) => {
                if (!isNew || ids.has(r.id)) return;
                remember(r);
                channel.append(r);
              },
              (err: Error) => hall.log.warn('store', `report ${r.id} could not be stored (${err.message}); the terminal should send it again`),
            );
        },
      });

      hall.routes((app: FastifyInstance) =>
        app.withTypeProvider<TypeBoxTypeProvider>().get(
          '/api/reports',
          { config: { access: 'reports.read' }, schema: { summary: 'Recent inspector reports, newest first (in the caller’s scope)', security: [{ bearer: [] }], response: { 200: Type.Array(ReportState) } } },
          (req) => recent.filter((r) => inScope(req.principal?.scope, r)),
        ),
      );
      hall.health(() => ({ recent: recent.length }));

      // Recent reports from before a restart, oldest first into the channel; invalid rows are skipped.
      hall.onDatabase(async (db) => {
        const stored = await recentReports(db, RECENT_REPORTS);
        const valid = stored.filter((r) => checkReport.Check(r));
        if (valid.length !== stored.length) hall.log.warn('warm-start', `warm start skipped ${stored.length - valid.length} stored report(s) that are not valid`);
        for (const r of valid.reverse()) {
          if (ids.has(r.id)) continue;
          remember(r, false); // restored, not new: nobody counts it twice
          channel.append(r, { relay: false });
        }
      });
    },
  };
}
