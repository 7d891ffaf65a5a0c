import type { Principal } from '../auth/auth';
import type { IngestReport, TopicRoute } from '../hall/hall-module';
import { parseJson } from './parse-json';
import { printable } from '../../app/text/printable';

const ID = /^[A-Za-z0-9_.-]{1,64}$/;

interface CompiledRoute {
  parts: string[];
  route: TopicRoute;
}

/**
 * The one way terminal messages enter the hall, whatever the broker: size first (cheap), then the topic
 * (each module registers its own), then JSON; the module's handler does the rest. Everything refused is
 * counted by reason and logged without flooding the log. Never throws on input.
 */
export class TopicRouter {
  private readonly routes: CompiledRoute[] = [];

  constructor(
    private readonly prefix: string,
    private readonly maxPayloadBytes: number,
    private readonly report: IngestReport,
  ) {}

  add(route: TopicRoute): void {
    const parts = route.pattern.split('/');
    if (parts.some((p) => p === '' || p === '#' || (p.includes('+') && p !== '+'))) throw new Error(`topic pattern "${route.pattern}" must be segments or single-level + wildcards`);
    if (this.routes.some((r) => r.route.pattern === route.pattern)) throw new Error(`two modules registered the MQTT topic "${route.pattern}"`);
    this.routes.push({ parts, route });
  }

  private match(rest: string): { route: TopicRoute; params: string[] } | undefined {
    const segs = rest.split('/');
    outer: for (const r of this.routes) {
      if (r.parts.length !== segs.length) continue;
      const params: string[] = [];
      for (let i = 0; i < segs.length; i++) {
        const want = r.parts[i] as string;
        const got = segs[i] as string;
        if (want === '+') {
          if (!ID.test(got)) continue outer;
          params.push(got);
        } else if (want !== got) continue outer;
      }
      return { route: r.route, params };
    }
    return undefined;
  }

  /** One MQTT message, from any broker. `principal`: who published it, when the embedded broker knows. */
  onMessage(topic: string, payload: Buffer, now: number, principal?: Principal, username?: string): void {
    if (payload.length > this.maxPayloadBytes) return this.report.rejected('too-large', 'mqtt', `${payload.length} bytes on ${printable(topic, 120)}`);
    if (!topic.startsWith(this.prefix)) return this.report.rejected('unknown-topic', 'mqtt', `a message on ${printable(topic, 120)}`);
    const rest = topic.slice(this.prefix.length);
    if (rest.startsWith('_cluster/')) return; // hall servers' own traffic (a shared `#` subscription also sees it)
    const hit = this.match(rest);
    if (!hit) return this.report.rejected('unknown-topic', 'mqtt', `a message on ${printable(topic, 120)}`);
    const json = parseJson(payload);
    if (!json.ok) return this.report.rejected('bad-json', 'mqtt', `a payload on ${printable(topic, 120)} that is not JSON`);
    hit.route.handle({ topic, params: hit.params, value: json.value, now, ...(principal ? { principal, username } : {}) });
  }
}
