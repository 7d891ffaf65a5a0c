import type { ReportState } from '../../app/report/inspector-report';
import type { LogLimiter } from '../log/log-limiter';
import type { HallMetrics } from '../metrics/hall-metrics';
import type { AcceptedFix, FixOutcome } from '../patrol/patrol-registry';
import { decodeFixes, parseJson, type FixPolicy, type RejectReason } from './decode-fix';
import { decodeCameraStatus, decodeReport } from './decode-report';
import type { RateLimiter } from './rate-limiter';
import { parseTopic } from './topics';

export type IngestSource = 'mqtt' | 'http';

/** Where accepted input goes: patrol state and tracks, the report store, camera state. */
export interface IngestSink {
  fixes(fixes: AcceptedFix[], now: number): FixOutcome[];
  report(report: ReportState): void;
  cameraStatus(cameraId: string, online: boolean, ts: number): 'ok' | 'unknown-camera' | 'stale';
}

export interface IngestOptions {
  prefix: string;
  policy: FixPolicy;
  maxPayloadBytes: number;
  maxFixesPerMessage: number;
  /** Messages per second per unit id (shared by MQTT and HTTP). */
  unitLimiter: RateLimiter;
  sink: IngestSink;
  metrics: HallMetrics;
  log: LogLimiter;
  streetAt: (lon: number, lat: number) => string | undefined;
}

export interface FixesOutcome {
  accepted: number;
  duplicate: number;
  outOfOrder: number;
  rejected: Array<{ index: number; reason: RejectReason }>;
}

/**
 * The one way into the hall for terminal data, whatever the transport: size and rate checks first (cheap),
 * then JSON, schema, time, coordinate conversion and area; every refusal is counted by reason and logged
 * without flooding the log. Never throws on input.
 */
export class IngestPipeline {
  private readonly acceptedFix;
  private readonly acceptedReport;
  private readonly acceptedCamera;
  private sampled = 0;

  constructor(private readonly o: IngestOptions) {
    this.acceptedFix = o.metrics.ingestAccepted.labels('fix');
    this.acceptedReport = o.metrics.ingestAccepted.labels('report');
    this.acceptedCamera = o.metrics.ingestAccepted.labels('camera-status');
  }

  private reject(reason: RejectReason, source: IngestSource, where: string, n = 1): void {
    this.o.metrics.ingestRejected.labels(reason, source).inc(n);
    this.o.log.warn(`${source}:${reason}`, `ingest: refused ${where} (${reason})`);
  }

  /** One MQTT message from any broker client. */
  onMqtt(topic: string, payload: Buffer, now = Date.now()): void {
    if (payload.length > this.o.maxPayloadBytes) return this.reject('too-large', 'mqtt', `${payload.length} bytes on ${topic}`);
    const t = parseTopic(this.o.prefix, topic);
    if (t.kind === 'cluster') return; // hall servers' own traffic (a shared `#` subscription also sees it)
    if (t.kind === 'unknown') return this.reject('unknown-topic', 'mqtt', `a message on ${topic}`);
    if (t.kind === 'position' && !this.o.unitLimiter.take(t.unitId, now)) {
      return this.reject('rate-limited', 'mqtt', `fixes from ${t.unitId}, which sends faster than allowed`);
    }
    const json = parseJson(payload);
    if (!json.ok) return this.reject('bad-json', 'mqtt', `a payload on ${topic} that is not JSON`);
    switch (t.kind) {
      case 'position':
        this.applyFixes(t.unitId, json.value, now, 'mqtt');
        return;
      case 'report':
        this.applyReport(json.value, now);
        return;
      case 'camera-status':
        this.applyCameraStatus(t.cameraId, json.value, now);
        return;
    }
  }

  /** `POST /api/patrols/{unitId}/positions` with an already-parsed JSON body. */
  onHttpFixes(unitId: string, body: unknown, now = Date.now()): FixesOutcome | { limited: true } {
    if (!this.o.unitLimiter.take(unitId, now)) {
      this.reject('rate-limited', 'http', `fixes from ${unitId}, which sends faster than allowed`);
      return { limited: true };
    }
    return this.applyFixes(unitId, body, now, 'http');
  }

  private applyFixes(unitId: string, value: unknown, now: number, source: IngestSource): FixesOutcome {
    const out: FixesOutcome = { accepted: 0, duplicate: 0, outOfOrder: 0, rejected: [] };
    const good: AcceptedFix[] = [];
    decodeFixes(value, unitId, now, this.o.policy, this.o.maxFixesPerMessage).forEach((r, index) => {
      if (r.ok) good.push(r.fix);
      else {
        out.rejected.push({ index, reason: r.reason });
        this.reject(r.reason, source, `a fix from ${unitId}`);
      }
    });
    if (good.length === 0) return out;
    // Oldest first, so a buffered batch replays in order and the newest ends up as the current state.
    if (good.length > 1) good.sort((a, b) => a.ts - b.ts);
    const outcomes = this.o.sink.fixes(good, now);
    outcomes.forEach((o, i) => {
      if (o === 'accepted') {
        out.accepted++;
        // A sample is enough for the age distribution; observing every fix costs more than the rest of ingest.
        if ((this.sampled++ & 15) === 0) this.o.metrics.fixAge.observe(Math.max(0, now - (good[i] as AcceptedFix).ts) / 1000);
      } else if (o === 'duplicate') out.duplicate++;
      else out.outOfOrder++;
    });
    this.acceptedFix.inc(out.accepted);
    if (out.duplicate) this.o.metrics.ingestIgnored.labels('duplicate').inc(out.duplicate);
    if (out.outOfOrder) this.o.metrics.ingestIgnored.labels('out-of-order').inc(out.outOfOrder);
    return out;
  }

  private applyReport(value: unknown, now: number): void {
    const r = decodeReport(value, now, this.o.policy, this.o.streetAt);
    if (!r.ok) return this.reject(r.reason, 'mqtt', 'an inspector report');
    this.o.sink.report(r.report);
    this.acceptedReport.inc();
  }

  private applyCameraStatus(cameraId: string, value: unknown, now: number): void {
    const r = decodeCameraStatus(value, now, this.o.policy);
    if (!r.ok) return this.reject(r.reason, 'mqtt', `a status of camera ${cameraId}`);
    const outcome = this.o.sink.cameraStatus(cameraId, r.online, r.ts);
    if (outcome === 'unknown-camera') return this.reject('unknown-camera', 'mqtt', `a status of camera ${cameraId}, which is not configured`);
    if (outcome === 'ok') this.acceptedCamera.inc();
  }
}
