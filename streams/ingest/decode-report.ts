import { Compile } from 'typebox/compile';
import { CameraStatusMessage } from '../../app/camera/camera';
import { InspectorReport, type ReportState } from '../../app/report/inspector-report';
import { checkTime, locate, type FixPolicy, type RejectReason } from './decode-fix';

const checkReport = Compile(InspectorReport);
const checkCameraStatus = Compile(CameraStatusMessage);

/** Validates an inspector's report and places it in WGS84 and in its street. Pure. */
export function decodeReport(
  value: unknown,
  now: number,
  policy: FixPolicy,
  streetAt: (lon: number, lat: number) => string | undefined,
): { ok: true; report: ReportState } | { ok: false; reason: RejectReason } {
  if (!checkReport.Check(value)) return { ok: false, reason: 'bad-schema' };
  const time = checkTime(value.ts, now, policy);
  if (!time.ok) return time;
  const at = locate(value.lon, value.lat, value.crs, policy);
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
  const street = streetAt(at.lon, at.lat);
  if (street) report.street = street;
  return { ok: true, report };
}

export function decodeCameraStatus(value: unknown, now: number, policy: FixPolicy): { ok: true; online: boolean; ts: number } | { ok: false; reason: RejectReason } {
  if (!checkCameraStatus.Check(value)) return { ok: false, reason: 'bad-schema' };
  const time = checkTime(value.ts, now, policy);
  if (!time.ok) return time;
  return { ok: true, online: value.online, ts: time.ms };
}
