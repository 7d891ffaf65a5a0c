/**
 * What an authenticated MQTT client may publish and subscribe to on the embedded broker (docs: README,
 * "Field terminals"). Pure, so the same rules can be read, tested and mirrored in a Mosquitto ACL or EMQX
 * authorisation for external brokers.
 */
export interface Sender {
  role: 'terminal' | 'gateway' | 'admin';
  /** Credential id (hash prefix), never the token. */
  credential: string;
  /** The MQTT user name: for a terminal, its unit id. */
  username: string;
}

export type PublishVerdict = 'ok' | 'outside-prefix' | 'cluster-topic' | 'not-own-unit' | 'not-allowed' | 'not-authenticated';

const ID = '[A-Za-z0-9_.-]{1,64}';
const GATEWAY = [new RegExp(`^patrol/${ID}/position$`), /^report$/, new RegExp(`^camera/${ID}/status$`)];

export function mayPublish(s: Sender, prefix: string, topic: string): PublishVerdict {
  if (!topic.startsWith(prefix)) return 'outside-prefix';
  const rest = topic.slice(prefix.length);
  if (rest.startsWith('_cluster/')) return 'cluster-topic'; // hall servers only, and never on the embedded broker
  if (s.role === 'admin') return 'ok';
  if (s.role === 'terminal') {
    if (rest === 'report' || rest === `patrol/${s.username}/position`) return 'ok';
    return rest.startsWith('patrol/') ? 'not-own-unit' : 'not-allowed';
  }
  return GATEWAY.some((re) => re.test(rest)) ? 'ok' : 'not-allowed';
}

/**
 * Terminals may subscribe only under their own unit (`patrol/<unit>/…`, for messages to them), never to
 * other units' positions; gateways publish only; nobody subscribes to shared or system topics; admins
 * may watch the rest.
 */
export function maySubscribe(s: Sender, prefix: string, filter: string): boolean {
  if (filter.startsWith('$')) return false;
  if (s.role === 'admin') return true; // nothing is ever published on the cluster topic here (see mayPublish)
  if (s.role !== 'terminal') return false;
  const own = `${prefix}patrol/${s.username}/`;
  return filter.startsWith(own) && !filter.slice(0, own.length).includes('+') && !filter.slice(0, own.length).includes('#');
}
