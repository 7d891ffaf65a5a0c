import { Compile } from 'typebox/compile';
import { InspectorReport, type ReportState } from '../../app/report/inspector-report';
import type { PlaceTags } from '../../app/place/place-codes';
import { checkTime, toWgs84InArea, type IntakePolicy } from '../ingest/intake-policy';
import type { RejectReason } from '../ingest/reject-reason';

const checkReport = Compile(InspectorReport);

/** Validates an inspector's report and places it in WGS84 and in its street, community and grid. Pure. */
export function decodeReport(
  value: unknown,
  now: number,
  policy: IntakePolicy,
  locate: (lon: number, lat: number) => PlaceTags,
): { ok: true; report: ReportState } | { ok: false; reason: RejectReason } {
  if (!checkReport.Check(value)) return { ok: false, reason: 'bad-schema' };
  const time = checkTime(value.ts, now, policy);
  if (!time.ok) return time;
  const at = toWgs84InArea(value.lon, value.lat, value.crs, policy);
  if (!at.ok) return at;
  const report: ReportState = {
    id: value.id,
    ts: time.ms,
    receivedAt: now,
    lon: at.lon,
    lat: at.lat,
    category: value.category,
    description: value.description,
    photos: value.photos ?? [],
  };
  if (value.unitId) report.unitId = value.unitId;
  const tags = locate(at.lon, at.lat);
  if (tags.street) report.street = tags.street;
  if (tags.community) report.community = tags.community;
  if (tags.grid) report.grid = tags.grid;
  return { ok: true, report };
}
